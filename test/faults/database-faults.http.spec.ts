import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Public } from '../../src/common/auth/decorators';
import { bookedOrder } from '../orders/orders.fixtures';
import { spawnApp, type SpawnedApp } from '../support/spawn-app';
import { buyerAt, providerWithLanes } from '../support/scenario';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestApp, onPostgres, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';

interface Answer {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  code?: string;
}

/** `clients` concurrent loops reading `url` until `untilMs`; a refused connection counts as status 0. */
async function readConcurrently(url: string, headers: Record<string, string>, clients: number, untilMs: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < untilMs) {
        try {
          const res = await fetch(url, { headers });
          const body = (await res.json()) as { code?: string };
          answers.push({
            status: res.status,
            contentType: res.headers.get('content-type'),
            retryAfter: res.headers.get('retry-after'),
            code: body.code,
          });
        } catch {
          answers.push({ status: 0, contentType: null, retryAfter: null });
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }),
  );
  return answers;
}

function expectUnavailable(answer: Pick<Answer, 'status' | 'contentType' | 'retryAfter' | 'code'>) {
  expect(answer).toMatchObject({ status: 503, code: 'service_unavailable' });
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
}

/** A route whose first run has its own backend terminated mid-request, as a failover would. */
@Controller('cut-probe')
@Public()
class CutProbeController {
  static runs = 0;
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async run() {
    CutProbeController.runs += 1;
    if (CutProbeController.runs === 1) await this.dataSource.query('SELECT pg_terminate_backend(pg_backend_pid())');
    return { runs: CutProbeController.runs };
  }

  @Get()
  read() {
    return this.run();
  }

  @Post()
  @HttpCode(200)
  write() {
    return this.run();
  }
}

@Module({ controllers: [CutProbeController] })
class CutProbeModule {}

onPostgres('a query cut by a killed backend (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ extraModules: [CutProbeModule] });
  });
  afterAll(() => t.close());
  beforeEach(() => (CutProbeController.runs = 0));

  it('runs a read again on a fresh connection: the client sees 200', async () => {
    const res = await t.http.get('/v1/cut-probe');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ runs: 2 });
  });

  it('answers a write 503 service_unavailable with Retry-After, never 500, and does not run it again', async () => {
    const res = await t.http.post('/v1/cut-probe').send({});
    expectUnavailable({
      status: res.status,
      contentType: res.headers['content-type'],
      retryAfter: res.headers['retry-after'],
      code: res.body.code,
    });
    expect(CutProbeController.runs).toBe(1);
  });
});

onPostgres('database connections killed under load (PostgreSQL, SPEC §8 Faults)', () => {
  // A database of this test's own: its backends are the only ones killed.
  let db: TestDatabase;
  let app: SpawnedApp;
  let orderUrl: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const t = await createTestApp({ databaseUrl: db.url });
    try {
      await providerWithLanes(t, 'LA', [{ mode: 'express' }], 'Faults Express');
      const buyer = await buyerAt(t, 'L0');
      const order = await bookedOrder(t, buyer, 'LA');
      auth = buyer.auth;
      app = await spawnApp({ DATABASE_URL: db.url, ADMIN_API_KEY: TEST_ADMIN_KEY, DB_POOL_SIZE: '8' });
      orderUrl = `${app.base}/v1/orders/${order.id}`;
    } finally {
      await t.close();
    }
    await app.ready();
  }, 60_000);

  afterAll(async () => {
    await app?.kill();
    await db?.teardown();
  });

  it('stays up while its backends are killed every 15 ms under 8 concurrent readers: every answer is 200 or a 503 with Retry-After', async () => {
    const killer = new Client({ connectionString: process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test' });
    await killer.connect();
    const database = new URL(db.url).pathname.slice(1);
    const until = Date.now() + 4_000;
    let killed = 0;
    const killing = (async () => {
      while (Date.now() < until) {
        const { rowCount } = await killer.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [database],
        );
        killed += rowCount ?? 0;
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const answers = await readConcurrently(orderUrl, auth, 8, until);
    await killing;
    await killer.end();

    const byStatus: Record<number, number> = {};
    for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    process.stdout.write(
      `backend-killing: ${answers.length} requests, ${killed} backends killed, statuses ${JSON.stringify(byStatus)}, alive ${app.child.exitCode === null}\n`,
    );

    // When it died, what it said last is the diagnosis.
    if (app.child.exitCode !== null)
      process.stdout.write(`the app exited ${app.child.exitCode}:\n${app.stderr().slice(-4000)}\n${app.stdout().slice(-4000)}\n`);
    expect(app.child.exitCode).toBeNull();
    expect(app.stderr()).not.toContain("Unhandled 'error' event");
    expect(killed).toBeGreaterThan(20);
    expect(
      Object.keys(byStatus)
        .map(Number)
        .filter((s) => s !== 200 && s !== 503),
    ).toEqual([]);
    expect(answers.length).toBeGreaterThan(8);
    for (const a of answers.filter((x) => x.status === 503)) expectUnavailable(a);
    // Once the killing stops, the same instance serves again without a restart.
    const after = await fetch(orderUrl, { headers: auth });
    expect(after.status).toBe(200);
    expect((await fetch(`${app.base}/health/ready`)).status).toBe(200);
  }, 30_000);
});

describe('the database unreachable, then back (SPEC §8 Faults)', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  beforeAll(async () => {
    proxy = await startTcpProxy(process.env.TEST_DB_URL!);
    t = await createTestApp({ databaseUrl: proxy.url, config: { apiKeyCacheTtlMs: 0 } });
  });
  afterAll(async () => {
    await proxy.restore();
    await t.close();
    await proxy.close();
  });

  it('answers 503 service_unavailable with Retry-After, /health/ready 503, and serves again by itself when it is back', async () => {
    await providerWithLanes(t, 'LA', [{ mode: 'express' }], 'Faults Proxy Express');
    const buyer = await buyerAt(t, 'L0');
    const order = await bookedOrder(t, buyer, 'LA');
    expect((await t.http.get(`/v1/orders/${order.id}`).set(buyer.auth)).status).toBe(200);

    await proxy.cut();
    for (const res of [
      await t.http.get(`/v1/orders/${order.id}`).set(buyer.auth),
      await t.http.get('/v1/orders').set(buyer.auth),
      await t.http.get('/health/ready'),
    ]) {
      expectUnavailable({
        status: res.status,
        contentType: res.headers['content-type'],
        retryAfter: res.headers['retry-after'],
        code: res.body.code,
      });
      expect(res.body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    }
    expect((await t.http.get('/health/live')).status).toBe(200);

    await proxy.restore();
    const back = await t.http.get(`/v1/orders/${order.id}`).set(buyer.auth);
    expect(back.status).toBe(200);
    expect(back.body.id).toBe(order.id);
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });
});
