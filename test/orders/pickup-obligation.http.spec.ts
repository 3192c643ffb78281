import { buyerAt, providerWithLanes, type ScenarioProvider } from '../support/scenario';
import { createTestApp, onPostgres, type TestApp } from '../support/test-app';
import { bookedOrder, postEvent } from './orders.fixtures';
import type { TestBuyer } from '../buyers/buyers.fixtures';

const ORIGIN = 'ID';

describe('the pickup obligation (SPEC §6.5)', () => {
  let t: TestApp;
  let p: ScenarioProvider;
  let buyer: TestBuyer;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z'); // Monday; express handling 1 day → pickupBy 2026-06-02
    p = await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Pickup Duty Express');
    buyer = await buyerAt(t, 'L0');
  });
  afterAll(() => t.close());

  const remedy = (orderId: string, newPickupBy: string) => t.http.post(`/v1/orders/${orderId}/remedy`).set(p.key).send({ newPickupBy });
  // A sweep may not run ahead of the clock (SPEC §9), so the clock moves on first when it must.
  const sweep = (asOf: string) => {
    if (new Date(asOf) > t.clock.now()) t.clock.set(asOf);
    return t.http.post('/v1/admin/sweeps/pickup-obligation').set(t.admin).send({ asOf });
  };
  const entriesFor = async (orderIds: string[]) =>
    (
      (await t.http.get(`/v1/providers/${p.id}/compliance`).set(p.key)).body.entries as { orderId: string; code: string; points: number }[]
    ).filter((e) => orderIds.includes(e.orderId));

  it('costs 2 points with a timely remedy, 4 without, nothing when picked up in time — assessed once', async () => {
    t.clock.set('2026-06-01T12:00:00Z');
    const remedied = await bookedOrder(t, buyer, ORIGIN);
    const unremedied = await bookedOrder(t, buyer, ORIGIN);
    const pickedUp = await bookedOrder(t, buyer, ORIGIN);
    const lateRemedy = await bookedOrder(t, buyer, ORIGIN);
    const cancelled = await bookedOrder(t, buyer, ORIGIN);
    expect(remedied.pickupBy).toBe('2026-06-02');

    t.clock.set('2026-06-02T10:00:00Z');
    expect((await remedy(remedied.id, '2026-06-08')).body.code).toBe('remedy_too_late'); // 4 business days after
    const ok = await remedy(remedied.id, '2026-06-05'); // Wed, Thu, Fri: 3 business days
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ remedyPickupBy: '2026-06-05', pickupBy: '2026-06-02', guaranteedBy: remedied.guaranteedBy });
    expect((await remedy(remedied.id, '2026-06-04')).body.code).toBe('remedy_exists');
    expect((await t.http.post(`/v1/orders/${remedied.id}/remedy`).set(buyer.auth).send({ newPickupBy: '2026-06-03' })).status).toBe(403);
    await postEvent(t, p.key, pickedUp.id, 'picked_up', '2026-06-02T09:00:00Z');
    await t.http.post(`/v1/orders/${cancelled.id}/cancel`).set(buyer.auth).send({});

    t.clock.set('2026-06-03T00:00:01Z');
    expect((await remedy(lateRemedy.id, '2026-06-04')).body.code).toBe('remedy_too_late'); // the pickupBy date has ended

    const early = await sweep('2026-06-02T23:59:59Z');
    expect(early.body).toMatchObject({ sweep: 'pickup-obligation', ran: true });
    expect(await entriesFor([remedied.id, unremedied.id, lateRemedy.id])).toEqual([]);

    const first = await sweep('2026-06-03T00:00:00Z');
    expect(first.status).toBe(200);
    expect(first.body.changed).toBeGreaterThanOrEqual(3); // other test files' orders may be due too
    const entries = await entriesFor([remedied.id, unremedied.id, pickedUp.id, lateRemedy.id, cancelled.id]);
    expect(entries.map((e) => [e.orderId, e.code, e.points]).sort()).toEqual(
      [
        [remedied.id, 'shipping_obligation_remedied', 2],
        [unremedied.id, 'shipping_obligation_unremedied', 4],
        [lateRemedy.id, 'shipping_obligation_unremedied', 4],
      ].sort(),
    );

    await sweep('2026-06-10T00:00:00Z');
    expect(await entriesFor([remedied.id, unremedied.id, pickedUp.id, lateRemedy.id, cancelled.id])).toHaveLength(3);
  });
});

onPostgres('the pickup obligation with two instances sweeping at once (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp();
    for (const t of [a, b]) t.clock.set('2026-06-01T12:00:00Z');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('assesses each order exactly once', async () => {
    const p = await providerWithLanes(a, 'LK', [{ mode: 'express' }], 'Two Sweepers Express');
    const buyer = await buyerAt(a, 'L0');
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await bookedOrder(a, buyer, 'LK'));
    const asOf = '2026-06-03T00:00:00Z';
    for (const t of [a, b]) t.clock.set(asOf);
    const results = await Promise.all(
      [a, b, a, b].map((t) => t.http.post('/v1/admin/sweeps/pickup-obligation').set(t.admin).send({ asOf })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // Each order was examined by exactly one of the runs that got the lock (the others answer ran: false).
    expect(results.filter((r) => r.body.ran).length).toBeGreaterThan(0);
    const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM violations WHERE order_id = ANY($1::uuid[])`, [
      orders.map((o) => o.id),
    ]);
    expect(n).toBe(6);
    const compliance = (await a.http.get(`/v1/providers/${p.id}/compliance`).set(a.admin)).body;
    expect(compliance.activePoints).toBe(24);
  });
});
