import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { registerBuyer, verified, type TestBuyer } from '../buyers/buyers.fixtures';
import { book, bookedOrder, idempotencyKey, postEvent, quoteOption } from '../orders/orders.fixtures';
import { applyProvider, DOCS, laneBody, uploadDocument, verify, type TestProvider } from '../providers/fixtures';
import { EXAMPLE_RATE_CARD } from '../../src/quotes/spec-example';
import { buyerAt, providerWithLanes, type ScenarioProvider } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { startReceiver, typesOf, type Receiver } from '../support/webhook-receiver';

const ORIGIN = 'UG'; // this file's own lanes
const TIMEOUT_MS = 1000;

type Auth = { Authorization: string };
type EventBody = { id: string; type: string; createdAt: string; data: { object: Record<string, unknown> } };
const parse = (body: string) => JSON.parse(body) as EventBody;

describe('webhooks: endpoints and Standard Webhooks delivery (SPEC §11)', () => {
  let t: TestApp;
  let provider: ScenarioProvider;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await createTestApp({ config: { webhooksEnabled: true, webhookAllowPrivateUrls: true, webhookTimeoutMs: TIMEOUT_MS } });
    t.clock.set('2026-06-01T12:00:00Z'); // a Monday
    provider = await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Webhooks Test Express');
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t.close();
  });

  const receiver = async () => {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  };
  const subscribe = async (auth: Auth, url: string, events: string[] = ['*']) => {
    const res = await t.http.post('/v1/webhook-endpoints').set(auth).send({ url, events, description: 'test receiver' });
    if (res.status !== 201) throw new Error(`endpoint failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; secret: string; status: string };
  };
  const deliveries = async (auth: Auth, endpointId: string) =>
    (await t.http.get(`/v1/webhook-endpoints/${endpointId}/deliveries`).set(auth)).body.data as Record<string, unknown>[];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('delivers to each party exactly its own events, for every event type: never another buyer’s', async () => {
    const [aHook, bHook, pHook] = [await receiver(), await receiver(), await receiver()];
    const a = await registerBuyer(t);
    await subscribe(a.auth, aHook.url);
    const b = await registerBuyer(t);
    await subscribe(b.auth, bHook.url);
    // A provider subscribed before it is qualified, so its documents and status change are sent too.
    const p = await applyProvider(t, 'Webhooks Audience Cargo');
    await subscribe(p.key, pHook.url);
    for (const doc of Object.values(DOCS)) await verify(t, await uploadDocument(t, p, doc));
    const lane = await t.http
      .post(`/v1/providers/${p.id}/lanes`)
      .set(p.key)
      .send(laneBody({ ...EXAMPLE_RATE_CARD, originCountry: 'RW', mode: 'express' }));
    expect(lane.status).toBe(201);
    expect((await t.http.get(`/v1/providers/${p.id}`).set(p.key)).body.status).toBe('qualified');

    // B reaches L3 (automatic late compensation), then: a late delivery, a claim, a credit spent and restored, a remedy, a loss.
    await verified(t, b, 'business_registration', { registrationNumber: '7', legalName: 'B Ltd', country: 'GB', yearEstablished: 2018 });
    await verified(t, b, 'annual_revenue_usd', 500_000);
    t.clock.set('2026-06-01T12:00:00Z');
    const late = await bookedOrder(t, b, 'RW');
    t.clock.set('2026-06-02T12:00:00Z');
    await postEvent(t, p.key, late.id, 'picked_up', '2026-06-02T10:00:00Z');
    await postEvent(t, p.key, late.id, 'in_transit', '2026-06-02T11:00:00Z', 'HKG');
    t.clock.set('2026-06-10T12:00:00Z');
    expect((await postEvent(t, p.key, late.id, 'delivered', '2026-06-10T09:00:00Z')).body.onTime).toBe(false);
    const claim = await t.http
      .post(`/v1/orders/${late.id}/claims`)
      .set(b.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ type: 'damaged', askedMinor: 1000, description: 'crushed carton' });
    expect(claim.status).toBe(201);
    expect(
      (await t.http.post(`/v1/claims/${claim.body.id}/review`).set(t.admin).send({ decision: 'approved', approvedMinor: 1000 })).status,
    ).toBe(200);
    const { optionId } = await quoteOption(t, b, 'RW', { mode: 'express' });
    const paid = await book(t, b, optionId, idempotencyKey(), undefined, { applyCredits: true });
    expect(paid.body.creditAppliedMinor).toBeGreaterThan(0);
    expect((await t.http.post(`/v1/orders/${paid.body.id}/cancel`).set(b.auth).send({})).status).toBe(200);
    const remedied = await bookedOrder(t, b, 'RW');
    expect((await t.http.post(`/v1/orders/${remedied.id}/remedy`).set(p.key).send({ newPickupBy: remedied.pickupBy })).status).toBe(200);
    const lost = await bookedOrder(t, b, 'RW');
    t.clock.set('2026-06-10T12:30:00Z');
    expect((await postEvent(t, p.key, lost.id, 'picked_up', '2026-06-10T12:10:00Z')).status).toBe(200);
    expect((await postEvent(t, p.key, lost.id, 'lost', '2026-06-10T12:20:00Z')).status).toBe(200);
    // An admin violation that crosses 12 points: a compliance action and a restriction (status change).
    expect((await t.http.post(`/v1/providers/${p.id}/violations`).set(t.admin).send({ code: 'forged_evidence' })).status).toBe(201);

    const buyerTypes = [
      'buyer.tier_changed',
      'claim.created',
      'claim.reviewed',
      'credit.issued',
      'credit.restored',
      'credit.spent',
      'evidence.reviewed',
      'order.booked',
      'order.cancelled',
      'order.delivered',
      'order.in_transit',
      'order.lost',
      'order.picked_up',
      'order.remedy_submitted',
    ];
    const providerTypes = [
      'document.reviewed',
      'order.booked',
      'order.cancelled',
      'order.delivered',
      'order.in_transit',
      'order.lost',
      'order.picked_up',
      'order.remedy_submitted',
      'provider.compliance_action',
      'provider.status_changed',
      'provider.violation_recorded',
    ];
    await bHook.waitFor((r) => typesOf(r).length === buyerTypes.length, 15_000);
    await pHook.waitFor((r) => typesOf(r).length === providerTypes.length, 15_000);
    await sleep(500);
    expect(typesOf(bHook.received)).toEqual(buyerTypes);
    expect(typesOf(pHook.received)).toEqual(providerTypes);
    expect(aHook.received).toEqual([]);
    for (const r of bHook.received) {
      const { type, data } = parse(r.body);
      expect([type, type.startsWith('buyer.') ? data.object.id : (data.object.buyerId ?? b.id)]).toEqual([type, b.id]);
    }
    for (const r of pHook.received) {
      const { type, data } = parse(r.body);
      const owner =
        type.startsWith('order.') || type === 'document.reviewed'
          ? data.object.providerId
          : type === 'provider.status_changed'
            ? data.object.id
            : data.object.providerId;
      expect([type, owner]).toEqual([type, p.id]);
    }
    // A claim's object carries its order, not its buyer: it is B's order.
    const claimEvent = bHook.received.map((r) => parse(r.body)).find((e) => e.type === 'claim.reviewed')!;
    expect(claimEvent.data.object).toMatchObject({ id: claim.body.id, orderId: late.id, status: 'approved', approvedMinor: 1000 });
    t.clock.set('2026-06-01T12:00:00Z');
  }, 60_000);

  it('signs with the secret shown once (Standard Webhooks), lists the attempt, and shows no secret afterwards', async () => {
    const hook = await receiver();
    const buyer = await buyerAt(t, 'L1');
    const created = await t.http
      .post('/v1/webhook-endpoints')
      .set(buyer.auth)
      .send({ url: hook.url, events: ['order.*'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: hook.url, events: ['order.*'], description: null, status: 'enabled', disabledReason: null });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(created.body.secret.slice(6), 'base64')).toHaveLength(24);
    const got = await t.http.get(`/v1/webhook-endpoints/${created.body.id}`).set(buyer.auth);
    expect(got.body).not.toHaveProperty('secret');
    expect((await t.http.get('/v1/webhook-endpoints').set(buyer.auth)).body.data.map((e: { id: string }) => e.id)).toEqual([
      created.body.id,
    ]);

    const order = await bookedOrder(t, buyer, ORIGIN);
    const [sent] = await hook.waitFor((r) => r.length === 1);
    const payload = new Webhook(created.body.secret).verify(sent!.body, sent!.headers as Record<string, string>) as EventBody;
    expect(payload).toMatchObject({ type: 'order.booked', data: { object: { id: order.id, status: 'booked' } } });
    expect(sent!.headers['webhook-id']).toBe(payload.id);
    expect(sent!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(Math.abs(Number(sent!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(24).toString('base64')}`).verify(sent!.body, sent!.headers as Record<string, string>),
    ).toThrow();
    expect(payload).toEqual((await t.http.get(`/v1/events/${payload.id}`).set(buyer.auth)).body);

    await sleep(100);
    const [attempt] = await deliveries(buyer.auth, created.body.id);
    expect(attempt).toMatchObject({
      eventId: payload.id,
      eventType: 'order.booked',
      attempt: 1,
      status: 'succeeded',
      responseStatus: 200,
      error: null,
      nextAttemptAt: null,
    });
    expect(typeof attempt!.durationMs).toBe('number');
  });

  it('lets only the owner and admins see or change an endpoint (404 for anyone else)', async () => {
    const hook = await receiver();
    const owner = await registerBuyer(t);
    const other = await registerBuyer(t);
    const endpoint = await subscribe(owner.auth, hook.url, ['credit.issued']);
    const base = `/v1/webhook-endpoints/${endpoint.id}`;
    for (const who of [other.auth, provider.key]) {
      expect((await t.http.get(base).set(who)).status).toBe(404);
      expect((await t.http.patch(base).set(who).send({ description: 'mine' })).status).toBe(404);
      expect((await t.http.post(`${base}/rotate-secret`).set(who)).status).toBe(404);
      expect((await t.http.get(`${base}/deliveries`).set(who)).status).toBe(404);
      expect((await t.http.post(`${base}/deliveries/${randomUUID()}/retry`).set(who)).status).toBe(404);
      expect((await t.http.delete(base).set(who)).status).toBe(404);
      expect((await t.http.get('/v1/webhook-endpoints').set(who)).body.data.some((e: { id: string }) => e.id === endpoint.id)).toBe(false);
    }
    expect((await t.http.get(base).set(t.admin)).status).toBe(200);
    const patched = await t.http
      .patch(base)
      .set(owner.auth)
      .send({ events: ['order.*', 'credit.*'], description: 'ERP' });
    expect(patched.body).toMatchObject({ events: ['order.*', 'credit.*'], description: 'ERP' });
    for (const bad of [{ events: ['order.shipped'] }, { events: [] }, { status: 'paused' }, { url: 'ftp://x' }, { secret: 'whsec_x' }]) {
      expect((await t.http.patch(base).set(owner.auth).send(bad)).status).toBe(400);
    }
    expect((await t.http.delete(base).set(owner.auth)).status).toBe(204);
    expect((await t.http.get(base).set(owner.auth)).status).toBe(404);
  });

  it('new endpoints receive only events created after them', async () => {
    const hook = await receiver();
    const buyer = await buyerAt(t, 'L1');
    const before = await bookedOrder(t, buyer, ORIGIN);
    await subscribe(buyer.auth, hook.url, ['order.*']);
    const after = await bookedOrder(t, buyer, ORIGIN);
    await hook.waitFor((r) => r.length >= 1);
    await sleep(500);
    expect(hook.received.map((r) => parse(r.body).data.object.id)).toEqual([after.id]);
    expect(before.id).not.toBe(after.id);
  });

  it('tries a failed delivery again 5 s later with the same webhook-id', async () => {
    const hook = await receiver();
    hook.answer = (_r, n) => ({ status: n === 1 ? 503 : 204 });
    const buyer = await buyerAt(t, 'L1');
    const endpoint = await subscribe(buyer.auth, hook.url, ['order.booked']);
    await bookedOrder(t, buyer, ORIGIN);
    await hook.waitFor((r) => r.length === 1);
    await sleep(100);
    const attempts = await deliveries(buyer.auth, endpoint.id);
    const [failed, pending] = [1, 2].map((n) => attempts.find((d) => d.attempt === n));
    expect(failed).toMatchObject({ attempt: 1, status: 'failed', responseStatus: 503, error: 'HTTP 503' });
    expect(pending).toMatchObject({ attempt: 2, status: 'pending', eventId: failed!.eventId });
    expect(new Date(pending!.nextAttemptAt as string).getTime() - new Date(failed!.attemptedAt as string).getTime()).toBe(5_000);

    await sleep(700); // several polls: not yet due on the clock
    expect(hook.received).toHaveLength(1);
    t.clock.advance(5_000);
    const [first, second] = await hook.waitFor((r) => r.length === 2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    await sleep(100);
    expect((await deliveries(buyer.auth, endpoint.id)).find((d) => d.attempt === 2)).toMatchObject({
      status: 'succeeded',
      responseStatus: 204,
    });
  });

  it('counts a receiver slower than WEBHOOK_TIMEOUT_MS as a failed attempt', async () => {
    const hook = await receiver();
    hook.answer = () => ({ status: 200, delayMs: TIMEOUT_MS + 800 });
    const buyer = await buyerAt(t, 'L1');
    const endpoint = await subscribe(buyer.auth, hook.url, ['order.booked']);
    await bookedOrder(t, buyer, ORIGIN);
    await hook.waitFor((r) => r.length === 1);
    await sleep(TIMEOUT_MS + 300);
    const failed = (await deliveries(buyer.auth, endpoint.id)).find((d) => d.attempt === 1)!;
    expect(failed).toMatchObject({ status: 'failed', responseStatus: null });
    expect(failed.error).toMatch(/timed out/);
    expect(failed.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(failed.durationMs).toBeLessThan(TIMEOUT_MS + 800);
  });

  it('signs with the old secret too, as a second signature, for 24 h after a rotation', async () => {
    const hook = await receiver();
    const buyer = await buyerAt(t, 'L1');
    const endpoint = await subscribe(buyer.auth, hook.url, ['order.booked']);
    const rotated = await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(buyer.auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    await bookedOrder(t, buyer, ORIGIN);
    const [sent] = await hook.waitFor((r) => r.length === 1);
    expect(String(sent!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [endpoint.secret, rotated.body.secret])
      expect(() => new Webhook(secret).verify(sent!.body, sent!.headers as Record<string, string>)).not.toThrow();

    t.clock.advance(24 * 3_600_000 + 1000);
    await bookedOrder(t, buyer, ORIGIN);
    const [, later] = await hook.waitFor((r) => r.length === 2);
    expect(String(later!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(rotated.body.secret).verify(later!.body, later!.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(later!.body, later!.headers as Record<string, string>)).toThrow();
  });

  it('sends an event again on request (manual retry), with the same webhook-id', async () => {
    const hook = await receiver();
    const buyer = await buyerAt(t, 'L1');
    const endpoint = await subscribe(buyer.auth, hook.url, ['order.booked']);
    await bookedOrder(t, buyer, ORIGIN);
    const [first] = await hook.waitFor((r) => r.length === 1);
    const eventId = String(first!.headers['webhook-id']);
    const retry = await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${eventId}/retry`).set(buyer.auth);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ eventId, attempt: 2, status: 'pending' });
    const [, again] = await hook.waitFor((r) => r.length === 2);
    expect(again!.headers['webhook-id']).toBe(eventId);
    expect((await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${randomUUID()}/retry`).set(buyer.auth)).status).toBe(404);
  });

  it('counts deliveries by outcome, their latency and the oldest pending age in /metrics', async () => {
    const text = (await t.http.get('/metrics')).text;
    expect(text).toMatch(/webhook_deliveries_total\{outcome="succeeded"\} \d+/);
    expect(text).toMatch(/webhook_deliveries_total\{outcome="failed"\} \d+/);
    expect(text).toMatch(/webhook_delivery_latency_seconds_bucket\{le="1"\} \d+/);
    expect(text).toMatch(/webhook_oldest_pending_delivery_age_seconds \d/);
  });

  it('disables an endpoint whose every attempt failed for 5 days, says why, and enables it again on request', async () => {
    const hook = await receiver();
    hook.answer = () => ({ status: 500 });
    const buyer = await buyerAt(t, 'L1');
    const endpoint = await subscribe(buyer.auth, hook.url, ['order.booked']);
    await bookedOrder(t, buyer, ORIGIN);
    const [first] = await hook.waitFor((r) => r.length === 1);
    const eventId = String(first!.headers['webhook-id']);
    t.clock.advance(4 * 86_400_000); // the scheduled attempts fail too
    await hook.waitFor((r) => r.length >= 2);
    await sleep(200);
    expect((await t.http.get(`/v1/webhook-endpoints/${endpoint.id}`).set(buyer.auth)).body.status).toBe('enabled');
    t.clock.advance(86_400_000);
    expect((await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${eventId}/retry`).set(buyer.auth)).status).toBe(202);
    const n = hook.received.length;
    await hook.waitFor((r) => r.length > n);
    await sleep(200);
    const disabled = (await t.http.get(`/v1/webhook-endpoints/${endpoint.id}`).set(buyer.auth)).body;
    expect(disabled).toMatchObject({ status: 'disabled' });
    expect(disabled.disabledReason).toMatch(/every attempt failed for 5 days/);
    const refused = await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${eventId}/retry`).set(buyer.auth);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('webhook_endpoint_disabled');
    const enabled = await t.http.patch(`/v1/webhook-endpoints/${endpoint.id}`).set(buyer.auth).send({ status: 'enabled' });
    expect(enabled.body).toMatchObject({ status: 'enabled', disabledReason: null });
  });
});

describe('webhook URLs without WEBHOOK_ALLOW_PRIVATE_URLS (SPEC §11: https to a public address only)', () => {
  let t: TestApp;
  let buyer: TestBuyer;
  let hook: Receiver;
  let provider: TestProvider;

  beforeAll(async () => {
    t = await createTestApp({ config: { webhooksEnabled: true, webhookAllowPrivateUrls: false, webhookTimeoutMs: TIMEOUT_MS } });
    t.clock.set('2026-06-01T12:00:00Z');
    provider = await providerWithLanes(t, 'BI', [{ mode: 'express' }], 'Webhooks Private Express');
    buyer = await buyerAt(t, 'L1');
    hook = await startReceiver();
  });
  afterAll(async () => {
    await hook.close();
    await t.close();
  });

  it.each([
    'https://127.0.0.1/hook',
    'https://10.1.2.3/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://localhost/hook',
    'http://example.com/hook',
  ])('refuses %s at creation (400 webhook_url_not_allowed)', async (url) => {
    const res = await t.http
      .post('/v1/webhook-endpoints')
      .set(buyer.auth)
      .send({ url, events: ['*'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('webhook_url_not_allowed');
    expect(res.body.errors[0].field).toBe('url');
  });

  it('refuses the connection when the address resolved at connection time is not public (DNS rebinding), and never reaches it', async () => {
    const port = new URL(hook.url).port;
    // As if these names had resolved to public addresses when the endpoints were created.
    for (const url of [`https://localhost:${port}/hook`, `https://127.0.0.1:${port}/hook`]) {
      await t.dataSource.query(
        `INSERT INTO webhook_endpoints (id, owner_role, owner_id, url, events, secret, created_at) VALUES ($1, 'buyer', $2, $3, '{order.*}', $4, $5)`,
        [randomUUID(), buyer.id, url, `whsec_${Buffer.alloc(24, 1).toString('base64')}`, new Date('2026-05-01T00:00:00Z')],
      );
    }
    await bookedOrder(t, buyer, 'BI');
    const deadline = Date.now() + 10_000;
    let rows: { url: string; status: string; error: string }[] = [];
    while (Date.now() < deadline) {
      rows = await t.dataSource.query(
        `SELECT w.url, d.status, d.error FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id WHERE w.owner_id = $1 AND d.attempt = 1`,
        [buyer.id],
      );
      if (rows.length === 2 && rows.every((r) => r.status === 'failed')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    for (const r of rows) expect(r.error).toMatch(/^webhook_url_not_allowed: .*(127\.0\.0\.1|::1).* not a public address/);
    expect(hook.received).toEqual([]);
    expect(provider.id).toBeDefined();
  });
});
