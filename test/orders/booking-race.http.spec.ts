import { buyerAt, providerWithLanes } from '../support/scenario';
import { createTestApp, onPostgres, type TestApp } from '../support/test-app';
import { book, idempotencyKey, quoteOption } from './orders.fixtures';

onPostgres('one order per quote across server instances (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // Two application instances, each with its own pool and caches, on one database.
    a = await createTestApp();
    b = await createTestApp();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('lets exactly one of many simultaneous bookings of one quote win', async () => {
    await providerWithLanes(a, 'NP', [{ mode: 'express' }, { mode: 'air' }], 'Race Express');
    const buyer = await buyerAt(a, 'L0');
    const { quote } = await quoteOption(a, buyer, 'NP');
    const optionIds: string[] = quote.options.map((o: { id: string }) => o.id);
    expect(optionIds.length).toBe(2);

    // 16 requests, different Idempotency-Keys, both options of the one quote, split over both instances.
    const attempts = Array.from({ length: 16 }, (_, i) => book(i % 2 ? a : b, buyer, optionIds[i % 2]!, idempotencyKey()));
    const results = await Promise.all(attempts);
    // One winner, and every loser exactly 409 quote_already_booked (a 500 or another code fails this).
    const outcomes = results.map((r) => (r.status === 201 ? '201' : `${r.status} ${r.body.code}`)).sort();
    expect(outcomes).toEqual(['201', ...Array<string>(15).fill('409 quote_already_booked')]);
    const [{ n }] = await a.dataSource.query('SELECT count(*)::int AS n FROM orders WHERE quote_id = $1', [quote.id]);
    expect(n).toBe(1);
  });

  it('runs a booking retried with one Idempotency-Key on both instances once', async () => {
    const buyer = await buyerAt(a, 'L0');
    const { quote, optionId } = await quoteOption(a, buyer, 'NP');
    const key = idempotencyKey();
    const results = await Promise.all([a, b, a, b].map((t) => book(t, buyer, optionId, key)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const [{ n }] = await a.dataSource.query('SELECT count(*)::int AS n FROM orders WHERE quote_id = $1', [quote.id]);
    expect(n).toBe(1);
  });

  it('accepts one of many simultaneous pickups of one order, on either instance', async () => {
    const p = await providerWithLanes(a, 'BT', [{ mode: 'express' }], 'Race Pickup Express');
    const buyer = await buyerAt(a, 'L0');
    const { optionId } = await quoteOption(a, buyer, 'BT');
    const order = (await book(a, buyer, optionId)).body;
    const at = a.clock.now().toISOString();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).http.post(`/v1/orders/${order.id}/events`).set(p.key).send({ type: 'picked_up', occurredAt: at }),
      ),
    );
    const outcomes = results.map((r) => (r.status === 200 ? '200' : `${r.status} ${r.body.code}`)).sort();
    expect(outcomes).toEqual(['200', ...Array<string>(7).fill('409 invalid_transition')]);
    const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM order_events WHERE order_id = $1 AND type = 'picked_up'`, [
      order.id,
    ]);
    expect(n).toBe(1);
  });
});
