import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';
import { spawnApp, type SpawnedApp } from '../support/spawn-app';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

/**
 * Delivery across real processes of the built app (dist/src/main.js) on a database of their own,
 * PostgreSQL or the embedded one (its wire server is shared by the processes): several instances
 * share the work, and a kill -9 loses nothing.
 */
const ADMIN = 'blm_webhooks_processes_admin_key_000000000';
const TIMEOUT_MS = 2000;
const LEASE_MS = TIMEOUT_MS + 5000;

describe('webhook delivery across processes (SPEC §11)', () => {
  let db: TestDatabase;
  let hook: Receiver;
  const apps: SpawnedApp[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(testDatabaseKind());
    hook = await startReceiver();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.kill()));
    await hook.close();
    await db.teardown();
  }, 30_000);
  beforeEach(() => {
    hook.received.length = 0;
    hook.answer = () => ({ status: 200 });
  });
  afterEach(() => Promise.all(apps.splice(0).map((a) => a.kill())), 30_000);

  const start = async () => {
    const app = await spawnApp({
      DATABASE_URL: db.url,
      ADMIN_API_KEY: ADMIN,
      DEMO_DATA: 'false',
      DB_POOL_SIZE: '4',
      WEBHOOKS_ENABLED: 'true',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      RATE_LIMIT_REGISTRATION_PER_MIN: '100000',
      RATE_LIMIT_PER_MIN: '1000000',
    });
    apps.push(app);
    await app.ready();
    return app;
  };
  const call = async (app: SpawnedApp, method: string, path: string, body?: unknown, key = ADMIN) => {
    const res = await fetch(`${app.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test walks whatever JSON the app answered
    const json = (await res.json().catch(() => null)) as Record<string, any>;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  /** A buyer whose evidence is verified: its evidence.reviewed and buyer.tier_changed events. */
  const buyerEvents = async (app: SpawnedApp, n: number) => {
    const { buyer, apiKey } = await call(app, 'POST', '/v1/buyers', { companyName: `Process Buyer ${n}`, country: 'GB' });
    const evidence = await call(
      app,
      'POST',
      `/v1/buyers/${buyer.id}/evidence`,
      {
        type: 'business_registration',
        value: { registrationNumber: String(n), legalName: `P${n} Ltd`, country: 'GB', yearEstablished: 2025 },
        documentRef: 'doc://reg',
      },
      apiKey,
    );
    await call(app, 'POST', `/v1/evidence/${evidence.id}/review`, { decision: 'verified' });
    return buyer.id as string;
  };
  const ids = () => hook.received.map((r) => String(r.headers['webhook-id']));

  it('two instances deliver each event once', async () => {
    const [a, b] = [await start(), await start()];
    const endpoint = await call(a, 'POST', '/v1/webhook-endpoints', { url: hook.url, events: ['*'] });
    for (let n = 0; n < 20; n++) await buyerEvents(n % 2 ? a : b, n);
    const events = (await call(a, 'GET', '/v1/events?limit=200')).data as { id: string }[];
    expect(events).toHaveLength(40);
    await hook.waitFor(() => new Set(ids()).size === 40, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(ids().sort()).toEqual(events.map((e) => e.id).sort()); // each once: no duplicates
    await call(a, 'DELETE', `/v1/webhook-endpoints/${endpoint.id}`);
  }, 90_000);

  it('a retry pending when the instance is killed (-9) arrives after a restart', async () => {
    const a = await start();
    hook.answer = (_r, n) => ({ status: n === 1 ? 500 : 200 });
    const endpoint = await call(a, 'POST', '/v1/webhook-endpoints', { url: hook.url, events: ['evidence.reviewed'] });
    await buyerEvents(a, 100);
    await hook.waitFor((r) => r.length === 1);
    // Once the failure is recorded, the retry is pending (due 5 s later); then the process dies.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const rows = (await call(a, 'GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`)).data as { status: string }[];
      if (rows.some((d) => d.status === 'failed')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await a.kill('SIGKILL');
    const killedAt = Date.now();
    await start();
    const [first, second] = await hook.waitFor((r) => r.length === 2, 20_000);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(4_900); // the 5 s schedule, kept across the kill
    expect(second!.at).toBeGreaterThan(killedAt);
    await new Promise((r) => setTimeout(r, 200));
    const attempts = (await call(apps[apps.length - 1]!, 'GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`)).data as {
      attempt: number;
      status: string;
    }[];
    expect(attempts.map((d) => [d.attempt, d.status]).sort()).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    await call(apps[apps.length - 1]!, 'DELETE', `/v1/webhook-endpoints/${endpoint.id}`);
  }, 90_000);

  it('an attempt in flight when its instance is killed (-9) is claimed again once its lease ends', async () => {
    const a = await start();
    hook.answer = (_r, n) => (n === 1 ? { status: 200, delayMs: 60_000 } : { status: 200 }); // the first never answers in time
    const endpoint = await call(a, 'POST', '/v1/webhook-endpoints', { url: hook.url, events: ['buyer.tier_changed'] });
    await buyerEvents(a, 200);
    await hook.waitFor((r) => r.length === 1);
    await a.kill('SIGKILL');
    await start();
    const [first, second] = await hook.waitFor((r) => r.length === 2, LEASE_MS + 10_000);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(LEASE_MS - 200);
    expect(endpoint.id).toBeDefined();
  }, 90_000);
});
