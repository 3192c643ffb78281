import type { TestBuyer } from '../buyers/buyers.fixtures';
import { buyerAt, providerWithLanes, type ScenarioProvider } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { book, bookedOrder, idempotencyKey, party, postEvent, quoteOption, shipper } from './orders.fixtures';

const ORIGIN = 'TH'; // this file's own lanes

describe('orders: booking, tracking and the on-time guarantee (SPEC §6)', () => {
  let t: TestApp;
  let provider: ScenarioProvider;
  let l3: TestBuyer;
  let l1: TestBuyer;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z'); // a Monday
    provider = await providerWithLanes(
      t,
      ORIGIN,
      [{ mode: 'express' }, { mode: 'air', transitDays: { min: 3, max: 5 } }],
      'Orders Test Cargo',
    );
    l3 = await buyerAt(t, 'L3');
    l1 = await buyerAt(t, 'L1');
  });
  afterAll(() => t.close());

  const compliance = async () => (await t.http.get(`/v1/providers/${provider.id}/compliance`).set(provider.key)).body;
  // Only this order's entries: other files' sweeps may add points to the provider meanwhile.
  const entriesOf = async (orderId: string) =>
    ((await compliance()).entries as { code: string; points: number; orderId: string }[])
      .filter((e) => e.orderId === orderId)
      .map((e) => [e.code, e.points]);
  const credits = async (buyer: TestBuyer) => (await t.http.get(`/v1/buyers/${buyer.id}/credits`).set(buyer.auth)).body.data;

  it('books an L3 buyer’s option at the locked price, replays the same request, and keeps one order per quote', async () => {
    const { quote, optionId } = await quoteOption(t, l3, ORIGIN, { mode: 'express' });
    const key = idempotencyKey();
    const first = await book(t, l3, optionId, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      quoteId: quote.id,
      quoteOptionId: optionId,
      buyerId: l3.id,
      providerId: provider.id,
      status: 'booked',
      totalMinor: 19_980,
      currency: 'USD',
      pickupBy: '2026-06-02',
      guaranteedBy: '2026-06-08',
      tierAtBooking: 'L3',
      automaticCompensation: true,
      onTime: null,
      events: [{ type: 'booked', occurredAt: '2026-06-01T12:00:00.000Z', location: null, note: null }],
    });

    const replay = await book(t, l3, optionId, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const reused = await t.http
      .post('/v1/orders')
      .set(l3.auth)
      .set('Idempotency-Key', key)
      .send({ quoteOptionId: optionId, shipper, consignee: party('99502') });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');

    const again = await book(t, l3, optionId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('quote_already_booked');
  });

  it('refuses a missing Idempotency-Key, another buyer’s option, a consignee elsewhere and an expired quote', async () => {
    const { optionId } = await quoteOption(t, l1, ORIGIN);
    const noKey = await t.http.post('/v1/orders').set(l1.auth).send({ quoteOptionId: optionId, shipper, consignee: party() });
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('idempotency_key_missing');
    expect((await book(t, l3, optionId)).status).toBe(404);
    const mismatch = await book(t, l1, optionId, idempotencyKey(), party('10001'));
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('address_mismatch');
    // Postcode spacing and case do not matter.
    const { optionId: spaced } = await quoteOption(t, l1, ORIGIN, { destination: { country: 'US', postcode: '995 01' } });
    expect((await book(t, l1, spaced)).status).toBe(201);

    t.clock.advance(24 * 3_600_000 + 1); // an L1 quote is locked 24 h
    try {
      const expired = await book(t, l1, optionId);
      expect(expired.status).toBe(409);
      expect(expired.body.code).toBe('quote_expired');
    } finally {
      t.clock.set('2026-06-01T12:00:00Z');
    }
  });

  it('tracks an order, refuses events out of order or out of time, and compensates an L3 buyer automatically when late', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const order = await bookedOrder(t, l3, ORIGIN);
    expect(order).toMatchObject({ pickupBy: '2026-06-02', guaranteedBy: '2026-06-08' });

    expect((await postEvent(t, provider.key, order.id, 'delivered', '2026-06-01T12:01:00Z')).body.code).toBe('invalid_transition');
    expect((await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-01T11:00:00Z')).body.code).toBe('invalid_occurred_at'); // before booking
    expect((await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-01T12:06:00Z')).status).toBe(400); // > 5 min ahead
    expect((await postEvent(t, l3.auth, order.id, 'picked_up', '2026-06-01T12:00:00Z')).status).toBe(403);

    t.clock.set('2026-06-02T12:00:00Z');
    expect((await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-02T09:00:00Z', 'Bangkok')).status).toBe(200);
    t.clock.set('2026-06-04T12:00:00Z');
    expect((await postEvent(t, provider.key, order.id, 'in_transit', '2026-06-04T08:00:00Z', 'ANC')).status).toBe(200);
    expect((await postEvent(t, provider.key, order.id, 'in_transit', '2026-06-04T07:00:00Z')).body.code).toBe('invalid_occurred_at'); // before the last event

    t.clock.set('2026-06-09T12:00:00Z');
    const delivered = await postEvent(t, provider.key, order.id, 'delivered', '2026-06-09T00:00:00Z', 'Anchorage');
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', onTime: false, deliveredAt: '2026-06-09T00:00:00.000Z' });
    expect(delivered.body.events.map((e: { type: string }) => e.type)).toEqual(['booked', 'picked_up', 'in_transit', 'delivered']);

    // min(10 % of 19,980, USD 100) = 1,998, once, valid 90 days.
    const issued = (await credits(l3)).filter((c: { orderId: string }) => c.orderId === order.id);
    expect(issued).toEqual([
      expect.objectContaining({
        amountMinor: 1998,
        reason: 'late_delivery',
        status: 'active',
        issuedAt: '2026-06-09T12:00:00.000Z',
        expiresAt: '2026-09-07T12:00:00.000Z',
      }),
    ]);
    expect(await entriesOf(order.id)).toEqual([['late_delivery', 1]]);
    expect((await postEvent(t, provider.key, order.id, 'delivered', '2026-06-09T01:00:00Z')).body.code).toBe('invalid_transition');
    const claim = await t.http
      .post(`/v1/orders/${order.id}/claims`)
      .set(l3.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ type: 'late_delivery' });
    expect(claim.status).toBe(409);
    expect(claim.body.code).toBe('claim_exists');
  });

  it('judges on-time by the UTC date: 23:59:59Z on guaranteedBy is on time, and earns nothing', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const order = await bookedOrder(t, l3, ORIGIN);
    t.clock.set('2026-06-02T12:00:00Z');
    await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-02T10:00:00Z');
    t.clock.set('2026-06-09T00:00:00Z');
    const delivered = await postEvent(t, provider.key, order.id, 'delivered', '2026-06-08T23:59:59Z');
    expect(delivered.body).toMatchObject({ status: 'delivered', onTime: true });
    expect((await credits(l3)).some((c: { orderId: string }) => c.orderId === order.id)).toBe(false);
    expect(await entriesOf(order.id)).toEqual([]);
  });

  it('credits an L1 buyer by claim: not before guaranteedBy, once, then closed after 30 days', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const order = await bookedOrder(t, l1, ORIGIN);
    const claim = (key = idempotencyKey()) =>
      t.http.post(`/v1/orders/${order.id}/claims`).set(l1.auth).set('Idempotency-Key', key).send({ type: 'late_delivery' });
    t.clock.set('2026-06-02T12:00:00Z');
    await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-02T10:00:00Z');
    expect((await claim()).body.code).toBe('claim_too_early');

    t.clock.set('2026-06-10T12:00:00Z');
    const delivered = await postEvent(t, provider.key, order.id, 'delivered', '2026-06-10T09:00:00Z');
    expect(delivered.body).toMatchObject({ onTime: false, automaticCompensation: false });
    expect((await credits(l1)).some((c: { orderId: string }) => c.orderId === order.id)).toBe(false); // not automatic below L3

    const filed = await claim();
    expect(filed.status).toBe(201);
    // min(10 % of 20,813 = 2,081.3 → 2,081, USD 100)
    expect(filed.body).toMatchObject({
      orderId: order.id,
      type: 'late_delivery',
      status: 'approved',
      approvedMinor: 2081,
      creditId: expect.any(String),
    });
    expect((await credits(l1)).filter((c: { orderId: string }) => c.orderId === order.id)).toEqual([
      expect.objectContaining({ id: filed.body.creditId, amountMinor: 2081, claimId: filed.body.id }),
    ]);
    const duplicate = await claim();
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('claim_exists');

    const late = await bookedOrder(t, l1, ORIGIN);
    t.clock.set('2026-07-20T12:00:00Z'); // guaranteedBy 2026-06-16 + 30 days = 2026-07-16
    const closed = await t.http
      .post(`/v1/orders/${late.id}/claims`)
      .set(l1.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ type: 'late_delivery' });
    expect(closed.status).toBe(422);
    expect(closed.body.code).toBe('claim_window_closed');
  });

  it('handles a damage claim: reviewed once by an admin, approved up to declared value + order total, credited', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const order = await bookedOrder(t, l1, ORIGIN);
    t.clock.set('2026-06-02T12:00:00Z');
    await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-02T10:00:00Z');
    await postEvent(t, provider.key, order.id, 'delivered', '2026-06-02T11:00:00Z');
    const incomplete = await t.http
      .post(`/v1/orders/${order.id}/claims`)
      .set(l1.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ type: 'damaged' });
    expect(incomplete.status).toBe(400);
    const absurd = await t.http
      .post(`/v1/orders/${order.id}/claims`)
      .set(l1.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ type: 'damaged', description: 'x', askedMinor: 1e20 });
    expect(absurd.status).toBe(400);
    const filed = await t.http
      .post(`/v1/orders/${order.id}/claims`)
      .set(l1.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ type: 'damaged', description: 'two cartons crushed', askedMinor: 40_000 });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'pending', askedMinor: 40_000, approvedMinor: null });

    const review = (body: Record<string, unknown>, auth = t.admin) =>
      t.http.post(`/v1/claims/${filed.body.id}/review`).set(auth).send(body);
    expect((await review({ decision: 'approved', approvedMinor: 1000 }, l1.auth)).status).toBe(403);
    const tooMuch = await review({ decision: 'approved', approvedMinor: 150_000 + 20_813 + 1 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('amount_exceeds_limit');
    const approved = await review({ decision: 'approved', approvedMinor: 150_000 + 20_813 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedMinor: 170_813, creditId: expect.any(String) });
    expect((await review({ decision: 'rejected', reason: 'again' })).body.code).toBe('claim_already_reviewed');
    expect(
      (await credits(l1)).some((c: { claimId: string; amountMinor: number }) => c.claimId === filed.body.id && c.amountMinor === 170_813),
    ).toBe(true);
  });

  it('answers the credits of a buyer that does not exist with 404, for admins too, and another buyer’s with 404', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const auth of [t.admin, l3.auth]) {
      const res = await t.http.get(`/v1/buyers/${missing}/credits`).set(auth);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await t.http.get(`/v1/buyers/${l1.id}/credits`).set(l3.auth)).status).toBe(404);
    expect((await t.http.get(`/v1/buyers/${l1.id}/credits`).set(t.admin)).status).toBe(200);
  });

  it('lets the buyer cancel before pickup for free; a provider cancelling costs 4 points', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const byBuyer = await bookedOrder(t, l1, ORIGIN);
    const byProvider = await bookedOrder(t, l1, ORIGIN);
    const cancelled = await t.http.post(`/v1/orders/${byBuyer.id}/cancel`).set(l1.auth).send({ reason: 'changed supplier' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'buyer' });
    expect(await entriesOf(byBuyer.id)).toEqual([]);
    expect((await t.http.post(`/v1/orders/${byBuyer.id}/cancel`).set(l1.auth).send({})).body.code).toBe('invalid_transition');

    expect((await t.http.post(`/v1/orders/${byProvider.id}/cancel`).set(provider.key).send({ reason: 'no truck' })).body.cancelledBy).toBe(
      'provider',
    );
    expect(await entriesOf(byProvider.id)).toEqual([['provider_cancelled', 4]]);
  });

  it('shows an order only to its parties and admins, and lists each party’s orders newest first', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const order = await bookedOrder(t, l1, ORIGIN);
    const stranger = await buyerAt(t, 'L0');
    expect((await t.http.get(`/v1/orders/${order.id}`).set(stranger.auth)).status).toBe(404);
    expect((await t.http.get(`/v1/orders/${order.id}`).set(provider.key)).status).toBe(200);
    expect((await t.http.get(`/v1/orders/${order.id}`).set(t.admin)).status).toBe(200);
    expect((await postEvent(t, t.admin, order.id, 'picked_up', '2026-06-01T12:00:00Z')).status).toBe(200);

    const page1 = await t.http.get('/v1/orders?limit=2').set(l1.auth);
    expect(page1.status).toBe(200);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.data.every((o: { buyerId: string }) => o.buyerId === l1.id)).toBe(true);
    const page2 = await t.http.get(`/v1/orders?limit=2&cursor=${page1.body.nextCursor}`).set(l1.auth);
    const ids = [...page1.body.data, ...page2.body.data].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await t.http.get('/v1/orders').set(stranger.auth)).body.data).toEqual([]);
    // The order above was picked up: the filter finds it (the list was empty when this asked for in_transit).
    const mine = await t.http.get('/v1/orders?status=picked_up').set(provider.key);
    expect(mine.body.data.map((o: { id: string }) => o.id)).toContain(order.id);
    expect(
      mine.body.data.every((o: { providerId: string; status: string }) => o.providerId === provider.id && o.status === 'picked_up'),
    ).toBe(true);
  });

  it('feeds delivered orders into the buyer’s platform GMV at once', async () => {
    t.clock.set('2026-06-20T12:00:00Z');
    const order = await bookedOrder(t, l1, ORIGIN);
    await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-20T12:00:00Z');
    await postEvent(t, provider.key, order.id, 'delivered', '2026-06-20T12:00:00Z');
    const tier = await t.http.get(`/v1/buyers/${l1.id}/tier`).set(l1.auth);
    const gmv = tier.body.next.missing.find((m: { field: string }) => m.field === 'platformGmvUsd12m');
    // Three orders of 20,813 cents delivered in the last 365 days: 62,439 cents → USD 624.
    expect(gmv.actual).toBe(624);
  });

  it('feeds delivered orders into the provider’s 90-day scorecard', async () => {
    // Delivered by this provider: the L3 late (06-09) and on-time (06-08) ones, the L1 late (06-10),
    // the damaged (06-02) and the GMV (06-20) ones: 5 delivered, 2 late; unrated below 20 deliveries.
    const scorecard = await t.http.get(`/v1/providers/${provider.id}/scorecard`).set(l1.auth);
    expect(scorecard.status).toBe(200);
    expect(scorecard.body).toMatchObject({ delivered90d: 5, late90d: 2, onTimeRate90d: null });
  });
});
