import type { TestBuyer } from '../buyers/buyers.fixtures';
import { buyerAt, providerWithLanes, type ScenarioProvider } from '../support/scenario';
import { createTestApp, onPostgres, type TestApp } from '../support/test-app';
import { lateCredit, SMALL_PIECES } from './credits.fixtures';
import { book, idempotencyKey, party, quoteOption } from './orders.fixtures';

const ORIGIN = 'LA'; // this file's own lanes

onPostgres('no cent of credit spent twice across server instances (PostgreSQL, SPEC §6.6)', () => {
  let a: TestApp;
  let b: TestApp;
  let provider: ScenarioProvider;
  let buyer: TestBuyer;
  let credits: string[];

  beforeAll(async () => {
    // Two application instances, each with its own pool, on one database; one clock for both.
    a = await createTestApp();
    b = await createTestApp({ clock: a.clock });
    a.clock.set('2026-06-01T12:00:00Z');
    provider = await providerWithLanes(a, ORIGIN, [{ mode: 'express' }], 'Credit Race Cargo');
    buyer = await buyerAt(a, 'L1');
    const first = await lateCredit(a, provider, buyer, ORIGIN, '2026-06-01');
    const big = await lateCredit(a, provider, buyer, ORIGIN, '2026-06-03', [
      { quantity: 2, weightKg: 55, lengthCm: 60, widthCm: 50, heightCm: 40 },
    ]);
    credits = [first.creditId, big.creditId];
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const balance = async () => (await a.http.get(`/v1/buyers/${buyer.id}/credits`).set(buyer.auth)).body.balanceMinor as number;
  const quotes = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await quoteOption(a, buyer, ORIGIN, { mode: 'express', pieces: SMALL_PIECES })).optionId);
    return ids;
  };
  /** Every credit: amount − remaining equals what its unrestored redemptions took; never below 0. */
  const ledger = async () =>
    (await a.dataSource.query(
      `SELECT c.id, c.amount_minor::int AS amount, c.remaining_minor::int AS remaining,
              coalesce((SELECT sum(amount_minor) FROM credit_redemptions r WHERE r.credit_id = c.id AND r.restored_at IS NULL), 0)::int AS taken
         FROM credits c WHERE c.buyer_id = $1`,
      [buyer.id],
    )) as { id: string; amount: number; remaining: number; taken: number }[];
  /** Every order: creditAppliedMinor equals the sum of its redemptions. */
  const ordersAgree = async () =>
    (
      await a.dataSource.query(
        `SELECT count(*)::int AS n FROM orders o WHERE o.buyer_id = $1
          AND o.credit_applied_minor <> coalesce((SELECT sum(amount_minor) FROM credit_redemptions r WHERE r.order_id = o.id), 0)`,
        [buyer.id],
      )
    )[0].n as number;

  it('lets 8 simultaneous bookings on two instances, wanting 67,504 cents of a 12,081 balance, spend it exactly once', async () => {
    expect(await balance()).toBe(12_081);
    const options = await quotes(8);
    const results = await Promise.all(
      options.map((id, i) => book(i % 2 ? a : b, buyer, id, idempotencyKey(), party(), { applyCredits: true })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const applied = results.map((r) => r.body.creditAppliedMinor as number);
    expect(applied.reduce((s, x) => s + x, 0)).toBe(12_081);
    // Each order of 8,438 takes what the ones before it left: 8,438, then 3,643, then nothing.
    expect([...applied].sort((x, y) => y - x)).toEqual([8_438, 3_643, 0, 0, 0, 0, 0, 0]);
    for (const r of results) expect(r.body.payableMinor).toBe(8_438 - r.body.creditAppliedMinor);

    const rows = await ledger();
    expect(rows.map((r) => [r.remaining, r.amount - r.taken])).toEqual(rows.map(() => [0, 0]));
    expect(await ordersAgree()).toBe(0);
    expect(await balance()).toBe(0);
    // The database itself refuses to take a spent credit below zero.
    await expect(
      a.dataSource.query('UPDATE credits SET remaining_minor = remaining_minor - 1 WHERE id = $1', [credits[0]]),
    ).rejects.toThrow(/credits_remaining_range/);
  });

  it('keeps the ledger whole when cancels that restore race bookings that spend, without deadlocks', async () => {
    // The two orders holding credit are cancelled while six more bookings try to spend.
    const held = await a.dataSource.query(
      `SELECT DISTINCT order_id FROM credit_redemptions r JOIN orders o ON o.id = r.order_id WHERE o.buyer_id = $1 AND r.restored_at IS NULL`,
      [buyer.id],
    );
    expect(held.length).toBe(2);
    const options = await quotes(6);
    const results = await Promise.all([
      ...held.map((o: { order_id: string }, i: number) =>
        (i % 2 ? b : a).http.post(`/v1/orders/${o.order_id}/cancel`).set(buyer.auth).send({}),
      ),
      ...options.map((id, i) => book(i % 2 ? a : b, buyer, id, idempotencyKey(), party(), { applyCredits: true })),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, ...Array(6).fill(201)]);
    const rows = await ledger();
    for (const r of rows) {
      expect(r.remaining).toBeGreaterThanOrEqual(0);
      expect(r.amount - r.remaining).toBe(r.taken);
    }
    expect(await ordersAgree()).toBe(0);
    const spent = results.slice(2).reduce((s, r) => s + (r.body.creditAppliedMinor as number), 0);
    expect(spent + (await balance())).toBe(12_081);
  });
});
