import type { TestBuyer } from '../buyers/buyers.fixtures';
import { buyerAt, providerWithLanes, type ScenarioProvider } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { book, idempotencyKey, party, postEvent, quoteOption } from './orders.fixtures';
import { lateCredit, SMALL_PIECES } from './credits.fixtures';

const ORIGIN = 'PH'; // this file's own lanes

interface Credit {
  id: string;
  amountMinor: number;
  remainingMinor: number;
  status: string;
}

/**
 * SPEC §6.6 end to end on the spec's numbers: an L1 order of 20,813 cents delivered late earns 2,081
 * (10 %), one of 105,188 earns the USD 100 cap; the credits pay later orders, soonest-expiring first,
 * and cancels give them back.
 */
describe('credits a buyer can spend (SPEC §6.6)', () => {
  let t: TestApp;
  let provider: ScenarioProvider;
  let buyer: TestBuyer;
  let c1: string; // 2,081, expires 2026-09-08T12:00Z
  let c2: string; // 10,000, expires 2026-09-10T12:00Z

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z');
    provider = await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Credits Test Cargo');
    buyer = await buyerAt(t, 'L1');
  });
  afterAll(() => t.close());

  const wallet = async () => {
    const res = await t.http.get(`/v1/buyers/${buyer.id}/credits`).set(buyer.auth);
    expect(res.status).toBe(200);
    const byId = new Map<string, Credit>((res.body.data as Credit[]).map((c) => [c.id, c]));
    return { balance: res.body.balanceMinor as number, credit: (id: string) => byId.get(id)! };
  };
  const shape = (c: Credit) => [c.amountMinor, c.remainingMinor, c.status];
  const bookWith = async (extra: Record<string, unknown>, pieces?: unknown[], key = idempotencyKey()) => {
    const { optionId } = await quoteOption(t, buyer, ORIGIN, { mode: 'express', ...(pieces ? { pieces } : {}) });
    return book(t, buyer, optionId, key, party(), extra);
  };
  const uses = (order: { credits: { creditId: string; amountMinor: number }[] }) => order.credits.map((c) => [c.creditId, c.amountMinor]);

  it('earns credits by late delivery: 2,081 on 20,813 cents, the USD 100 cap on 105,188', async () => {
    const first = await lateCredit(t, provider, buyer, ORIGIN, '2026-06-01');
    expect(first).toMatchObject({ totalMinor: 20_813, approvedMinor: 2_081 });
    const big = await lateCredit(t, provider, buyer, ORIGIN, '2026-06-03', [
      { quantity: 2, weightKg: 55, lengthCm: 60, widthCm: 50, heightCm: 40 },
    ]);
    expect(big).toMatchObject({ totalMinor: 105_188, approvedMinor: 10_000 });
    c1 = first.creditId;
    c2 = big.creditId;
    const w = await wallet();
    expect(w.balance).toBe(12_081);
    expect(shape(w.credit(c1))).toEqual([2_081, 2_081, 'active']);
    expect(shape(w.credit(c2))).toEqual([10_000, 10_000, 'active']);
  });

  it('spends nothing without applyCredits, and refuses an applyCredits that is not a boolean', async () => {
    const plain = await bookWith({});
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ totalMinor: 20_813, creditAppliedMinor: 0, payableMinor: 20_813, credits: [] });
    expect(plain.body.events.map((e: { type: string }) => e.type)).toEqual(['booked']);
    const off = await bookWith({ applyCredits: false });
    expect(off.body).toMatchObject({ creditAppliedMinor: 0, payableMinor: 20_813, credits: [] });

    for (const bad of ['yes', 1, null, 'true']) {
      const { quote, optionId } = await quoteOption(t, buyer, ORIGIN, { mode: 'express' });
      const res = await book(t, buyer, optionId, idempotencyKey(), party(), { applyCredits: bad });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['applyCredits']);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM orders WHERE quote_id = $1', [quote.id]);
      expect(n).toBe(0);
    }
    expect((await wallet()).balance).toBe(12_081);
  });

  let small: { id: string };
  let partial: { id: string };

  it('pays soonest-expiring first, in part, up to the total; replays spend nothing more', async () => {
    // 8,438 cents: all of c1 (expires first), 6,357 of c2; nothing left to pay.
    const paid = await bookWith({ applyCredits: true }, SMALL_PIECES);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ totalMinor: 8_438, creditAppliedMinor: 8_438, payableMinor: 0 });
    expect(uses(paid.body)).toEqual([
      [c1, 2_081],
      [c2, 6_357],
    ]);
    expect(paid.body.events).toEqual([
      expect.objectContaining({ type: 'booked' }),
      { type: 'credits_applied', occurredAt: '2026-06-12T12:00:00.000Z', location: null, note: '8438 of 8438 cents paid by 2 credits' },
    ]);
    small = paid.body;
    let w = await wallet();
    expect(w.balance).toBe(3_643);
    expect(shape(w.credit(c1))).toEqual([2_081, 0, 'spent']);
    expect(shape(w.credit(c2))).toEqual([10_000, 3_643, 'active']);

    // 20,813 cents: the 3,643 left of c2 pays part, 17,170 is payable.
    const key = idempotencyKey();
    const { optionId } = await quoteOption(t, buyer, ORIGIN, { mode: 'express' });
    const first = await book(t, buyer, optionId, key, party(), { applyCredits: true });
    expect(first.body).toMatchObject({ totalMinor: 20_813, creditAppliedMinor: 3_643, payableMinor: 17_170 });
    expect(uses(first.body)).toEqual([[c2, 3_643]]);
    partial = first.body;
    const replay = await book(t, buyer, optionId, key, party(), { applyCredits: true });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM credit_redemptions WHERE order_id = $1', [first.body.id]);
    expect(n).toBe(1);
    w = await wallet();
    expect(w.balance).toBe(0);
    expect(shape(w.credit(c2))).toEqual([10_000, 0, 'spent']);

    // What GET and the list answer is what booking answered.
    const got = await t.http.get(`/v1/orders/${partial.id}`).set(buyer.auth);
    expect(got.body).toMatchObject({
      creditAppliedMinor: 3_643,
      payableMinor: 17_170,
      credits: [{ creditId: c2, amountMinor: 3_643, restoredAt: null }],
    });
    const listed = (await t.http.get('/v1/orders?limit=200').set(buyer.auth)).body.data as {
      id: string;
      payableMinor: number;
      credits: unknown[];
    }[];
    expect(listed.find((o) => o.id === small.id)).toMatchObject({
      creditAppliedMinor: 8_438,
      payableMinor: 0,
      credits: [
        { creditId: c1, amountMinor: 2_081 },
        { creditId: c2, amountMinor: 6_357 },
      ],
    });
    expect(listed.find((o) => o.id === partial.id)).toEqual(got.body);

    // A zero balance is fine: nothing applied, no timeline entry.
    const none = await bookWith({ applyCredits: true }, SMALL_PIECES);
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ totalMinor: 8_438, creditAppliedMinor: 0, payableMinor: 8_438, credits: [] });
    expect(none.body.events.map((e: { type: string }) => e.type)).toEqual(['booked']);
  });

  it('gives the amounts back when the buyer cancels', async () => {
    const cancelled = await t.http.post(`/v1/orders/${small.id}/cancel`).set(buyer.auth).send({});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', creditAppliedMinor: 8_438, payableMinor: 0 });
    expect(cancelled.body.credits).toEqual([
      { creditId: c1, amountMinor: 2_081, restoredAt: '2026-06-12T12:00:00.000Z' },
      { creditId: c2, amountMinor: 6_357, restoredAt: '2026-06-12T12:00:00.000Z' },
    ]);
    const w = await wallet();
    expect(w.balance).toBe(8_438);
    expect(shape(w.credit(c1))).toEqual([2_081, 2_081, 'active']);
    expect(shape(w.credit(c2))).toEqual([10_000, 6_357, 'active']);
  });

  let c3: string;

  it('computes the late compensation of a credit-paid order on totalMinor, and counts totalMinor in GMV', async () => {
    // The order of 20,813 that credits paid 3,643 of: 10 % of the total is 2,081 (not 1,717 of the payable).
    t.clock.set('2026-06-13T12:00:00Z');
    expect((await postEvent(t, provider.key, partial.id, 'picked_up', '2026-06-13T10:00:00Z')).status).toBe(200);
    t.clock.set('2026-06-22T12:00:00Z');
    expect((await postEvent(t, provider.key, partial.id, 'delivered', '2026-06-22T09:00:00Z')).body.onTime).toBe(false);
    const claim = await t.http
      .post(`/v1/orders/${partial.id}/claims`)
      .set(buyer.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ type: 'late_delivery' });
    expect(claim.body).toMatchObject({ status: 'approved', approvedMinor: 2_081 });
    c3 = claim.body.creditId;
    expect((await wallet()).balance).toBe(10_519);

    // Delivered: 20,813 + 105,188 + 20,813 = 146,814 cents → USD 1,468 (the payable amounts would give 1,431).
    const tier = await t.http.get(`/v1/buyers/${buyer.id}/tier`).set(buyer.auth);
    expect(tier.body.next.missing.find((m: { field: string }) => m.field === 'platformGmvUsd12m').actual).toBe(1_468);
  });

  it('gives an expired credit its amount back on a provider’s cancel, but it stays expired and unspendable', async () => {
    const paid = await bookWith({ applyCredits: true });
    expect(paid.body).toMatchObject({ totalMinor: 20_813, creditAppliedMinor: 10_519, payableMinor: 10_294 });
    expect(uses(paid.body)).toEqual([
      [c1, 2_081],
      [c2, 6_357],
      [c3, 2_081],
    ]);

    t.clock.set('2026-09-09T00:00:00Z'); // c1 expired 2026-09-08T12:00Z; c2 and c3 have not
    const cancelled = await t.http.post(`/v1/orders/${paid.body.id}/cancel`).set(provider.key).send({ reason: 'No truck' });
    expect(cancelled.status).toBe(200);
    const w = await wallet();
    expect(shape(w.credit(c1))).toEqual([2_081, 2_081, 'expired']);
    expect(shape(w.credit(c2))).toEqual([10_000, 6_357, 'active']);
    expect(shape(w.credit(c3))).toEqual([2_081, 2_081, 'active']);
    expect(w.balance).toBe(8_438);

    // Exactly the balance: c2 and c3 pay all of 8,438; the expired c1 is skipped.
    const exact = await bookWith({ applyCredits: true }, SMALL_PIECES);
    expect(exact.body).toMatchObject({ totalMinor: 8_438, creditAppliedMinor: 8_438, payableMinor: 0 });
    expect(uses(exact.body)).toEqual([
      [c2, 6_357],
      [c3, 2_081],
    ]);
    const after = await wallet();
    expect(after.balance).toBe(0);
    expect(shape(after.credit(c1))).toEqual([2_081, 2_081, 'expired']);
  });
});
