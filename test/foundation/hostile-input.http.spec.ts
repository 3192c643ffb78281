import { randomUUID } from 'node:crypto';
import { buyerAt, providerWithLanes, quoteBody } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * SPEC §1: no input, however malformed, yields a 5xx. Every writing route gets the same battery of
 * hostile bodies (wrong shapes, extreme numbers) from each role, and must answer 4xx.
 */
const HUGE = 1e20;
const hostileBodies: unknown[] = [
  {},
  [],
  'text',
  0,
  { a: { b: { c: { d: { e: { f: 1 } } } } } },
  { amountMinor: HUGE, askedMinor: HUGE, approvedMinor: HUGE, coverageUsd: HUGE, value: HUGE },
  { type: 'damaged', description: 'x', askedMinor: HUGE },
  { decision: 'approved', approvedMinor: HUGE },
  { decision: 'verified', coverageUsd: HUGE, expiresAt: '9999-99-99' },
  { type: 'annual_procurement_usd', value: HUGE, documentRef: 'x' },
  { type: 'annual_procurement_usd', value: Number.MAX_SAFE_INTEGER, documentRef: 'x' },
  { type: 'picked_up', occurredAt: '2026-13-45T99:99:99Z' },
  { newPickupBy: '2026-02-30' },
  { asOf: '-271821-04-20T00:00:00Z' },
  { quoteOptionId: randomUUID(), shipper: {}, consignee: {} },
  { code: 'forged_evidence', note: 'x'.repeat(10_000) },
];

describe('hostile input never yields a 5xx (SPEC §1)', () => {
  let t: TestApp;
  let routes: [string, string][];
  let keys: { Authorization: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    const provider = await providerWithLanes(t, 'BD', [{ mode: 'express' }], 'Hostile Input Express');
    const buyer = await buyerAt(t, 'L0');
    const quote = await t.http.post('/v1/quotes').set(buyer.auth).send(quoteBody('BD'));
    const order = await t.http
      .post('/v1/orders')
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({
        quoteOptionId: quote.body.options[0].id,
        shipper: { name: 'S', phone: '+880 2 555 0000', address: { line1: '1 Rd', city: 'Dhaka', postcode: '1000', country: 'BD' } },
        consignee: { name: 'C', phone: '+1 907 555 0100', address: { line1: '1 Rd', city: 'Anchorage', postcode: '99501', country: 'US' } },
      });
    const o = order.body.id;
    const p = provider.id;
    const lane = provider.laneIds[0];
    keys = [t.admin, buyer.auth, provider.key];
    routes = [
      ['post', '/v1/api-keys'],
      ['post', '/v1/buyers'],
      ['post', `/v1/buyers/${buyer.id}/evidence`],
      ['post', `/v1/evidence/${randomUUID()}/review`],
      ['put', '/v1/tiers/policy'],
      ['post', '/v1/providers'],
      ['post', `/v1/providers/${p}/documents`],
      ['post', `/v1/documents/${randomUUID()}/review`],
      ['post', `/v1/providers/${p}/qualification-check`],
      ['post', `/v1/providers/${p}/lanes`],
      ['patch', `/v1/lanes/${lane}`],
      ['post', `/v1/providers/${p}/violations`],
      ['post', '/v1/quotes'],
      ['post', '/v1/orders'],
      ['post', `/v1/orders/${o}/events`],
      ['post', `/v1/orders/${o}/cancel`],
      ['post', `/v1/orders/${o}/remedy`],
      ['post', `/v1/orders/${o}/claims`],
      ['post', `/v1/claims/${randomUUID()}/review`],
      ['post', '/v1/admin/sweeps/pickup-obligation'],
    ];
  });
  afterAll(() => t.close());

  it('answers every hostile body on every writing route, from every role, with a 4xx', async () => {
    const failures: string[] = [];
    for (const [method, path] of routes) {
      for (const auth of keys) {
        for (const body of hostileBodies) {
          const req = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method]!(path)
            .set(auth)
            .set('Idempotency-Key', randomUUID());
          const res = await req.send(body as object);
          if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers hostile query strings and path parameters with a 4xx', async () => {
    const paths = [
      '/v1/buyers?limit=1e9',
      '/v1/buyers?tier=L9',
      '/v1/buyers?cursor=%00%01',
      '/v1/market/providers?destination=USA&mode=boat',
      '/v1/market/providers?limit=-1',
      '/v1/orders?status=flying&limit=abc',
      `/v1/providers/${randomUUID()}/compliance?month=2026-00`,
      '/v1/quotes/not-a-uuid',
      '/v1/orders/%27%20OR%201=1',
    ];
    for (const path of paths) {
      const res = await t.http.get(path).set(t.admin);
      expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
    }
  });
});

describe('extreme but valid-looking numbers never yield a 5xx', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses rates that could overflow a price, and prices the largest accepted ones on the largest shipment', async () => {
    const provider = await providerWithLanes(t, 'BN', [{ mode: 'express' }], 'Extreme Rates Express');
    const buyer = await buyerAt(t, 'L0');
    const lane = provider.laneIds[0];
    const tooHigh = await t.http.patch(`/v1/lanes/${lane}`).set(provider.key).send({ weightBreaks: [{ minKg: 0, ratePerUnitMinor: Number.MAX_SAFE_INTEGER }] });
    expect(tooHigh.status).toBe(400);
    const highest = await t.http
      .patch(`/v1/lanes/${lane}`)
      .set(provider.key)
      .send({
        maxPieceWeightKg: 1000,
        fuelSurchargeBps: 10_000,
        minChargeMinor: 1_000_000_000,
        oversizeFeeMinor: 1_000_000_000,
        weightBreaks: [{ minKg: 0, ratePerUnitMinor: 1_000_000 }],
        remoteArea: { postcodePrefixes: ['99'], perKgMinor: 1_000_000, minMinor: 1_000_000_000 },
      });
    expect(highest.status).toBe(200);
    const piece = { quantity: 999, weightKg: 1000, lengthCm: 400, widthCm: 400, heightCm: 400 };
    const quote = await t.http.post('/v1/quotes').set(buyer.auth).send(quoteBody('BN', { pieces: Array.from({ length: 50 }, () => piece), mode: 'express' }));
    expect(quote.status).toBe(201);
    expect(Number.isSafeInteger(quote.body.options[0].totalMinor)).toBe(true);
  });
});
