import { EventsRepository } from '../../src/events/events.repository';
import { TransactionContext } from '../../src/database/transaction-context';
import { registerBuyer, verified } from '../buyers/buyers.fixtures';
import { book, bookedOrder, postEvent, quoteOption } from '../orders/orders.fixtures';
import { applyProvider } from '../providers/fixtures';
import { buyerAt, providerWithLanes, type ScenarioProvider } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';

const ORIGIN = 'KE'; // this file's own lanes

describe('the event outbox and feed (SPEC §11)', () => {
  let t: TestApp;
  let provider: ScenarioProvider;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z');
    provider = await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Events Test Express');
  });
  afterAll(() => t.close());

  const feed = async (auth: { Authorization: string }, query = '') => {
    const res = await t.http.get(`/v1/events${query}`).set(auth);
    expect(res.status).toBe(200);
    return res.body as {
      data: { id: string; type: string; createdAt: string; data: { object: Record<string, unknown> } }[];
      nextCursor: string | null;
    };
  };

  it('records each order change with the order after it, newest first, in the buyer’s and the provider’s feeds', async () => {
    const buyer = await buyerAt(t, 'L1');
    const order = await bookedOrder(t, buyer, ORIGIN);
    t.clock.set('2026-06-02T08:00:00Z');
    expect((await postEvent(t, provider.key, order.id, 'picked_up', '2026-06-02T07:00:00Z')).status).toBe(200);

    const mine = await feed(buyer.auth, '?type=order.*');
    expect(mine.data.map((e) => e.type)).toEqual(['order.picked_up', 'order.booked']);
    const [picked, booked] = mine.data;
    expect(picked!.data.object).toMatchObject({ id: order.id, status: 'picked_up', buyerId: buyer.id, providerId: provider.id });
    expect((picked!.data.object.events as { type: string }[]).map((e) => e.type)).toEqual(['booked', 'picked_up']);
    expect(booked!.data.object).toMatchObject({ id: order.id, status: 'booked', totalMinor: order.totalMinor });
    expect(picked!.createdAt).toBe('2026-06-02T08:00:00.000Z');

    const theirs = (await feed(provider.key, '?type=order.picked_up')).data.filter((e) => e.data.object.id === order.id);
    expect(theirs.map((e) => e.id)).toEqual([picked!.id]);
    expect((await t.http.get(`/v1/events/${picked!.id}`).set(provider.key)).body).toEqual(picked);
    expect((await t.http.get(`/v1/events/${picked!.id}`).set(t.admin)).status).toBe(200);
  });

  it('records buyer.tier_changed and evidence.reviewed for that buyer only', async () => {
    const buyer = await registerBuyer(t);
    await verified(t, buyer, 'business_registration', {
      registrationNumber: '1',
      legalName: 'X Ltd',
      country: 'GB',
      yearEstablished: 2025,
    });
    const types = (await feed(buyer.auth)).data.map((e) => e.type);
    expect(types).toEqual(['evidence.reviewed', 'buyer.tier_changed']);
    const tier = (await feed(buyer.auth, '?type=buyer.tier_changed')).data[0]!;
    expect(tier.data.object).toMatchObject({ id: buyer.id, tier: 'L1', companyName: 'Test Imports', country: 'GB' });
  });

  // The access matrix of the feed: own events only (404 for another's), admin all.
  it('shows a buyer only its own events, a provider only its own, an admin all', async () => {
    const a = await buyerAt(t, 'L1');
    const b = await buyerAt(t, 'L1');
    const other = await applyProvider(t);
    const order = await bookedOrder(t, a, ORIGIN);
    const aEvent = (await feed(a.auth, '?type=order.booked')).data.find((e) => e.data.object.id === order.id)!;

    expect((await feed(b.auth)).data.some((e) => e.id === aEvent.id)).toBe(false);
    expect((await feed(b.auth)).data.every((e) => e.type.startsWith('buyer.') || e.type.startsWith('evidence.'))).toBe(true);
    expect((await feed(other.key)).data.some((e) => e.id === aEvent.id)).toBe(false);
    for (const outsider of [b.auth, other.key]) {
      const res = await t.http.get(`/v1/events/${aEvent.id}`).set(outsider);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await t.http.get(`/v1/events/${aEvent.id}`).set(a.auth)).status).toBe(200);
    expect((await t.http.get(`/v1/events/${aEvent.id}`).set(provider.key)).status).toBe(200);
    expect((await feed(t.admin, '?limit=200')).data.some((e) => e.id === aEvent.id)).toBe(true);
    expect((await t.http.get('/v1/events')).status).toBe(401);
  });

  it('pages with a cursor and refuses a type or cursor it does not know (400)', async () => {
    const buyer = await buyerAt(t, 'L1');
    await bookedOrder(t, buyer, ORIGIN);
    const all = await feed(buyer.auth);
    expect(all.data.length).toBeGreaterThanOrEqual(3);
    const first = await feed(buyer.auth, '?limit=2');
    expect(first.nextCursor).not.toBeNull();
    const second = await feed(buyer.auth, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.data, ...second.data].map((e) => e.id)).toEqual(all.data.slice(0, 4).map((e) => e.id));
    for (const query of ['?type=order.shipped', '?type=nothing.*', '?type=%25', '?cursor=garbage']) {
      const res = await t.http.get(`/v1/events${query}`).set(buyer.auth);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(query.includes('cursor') ? 'invalid_cursor' : 'validation_failed');
    }
  });

  it('writes no event without its change and no change without its event: a booking aborted after the event insert leaves neither', async () => {
    const buyer = await buyerAt(t, 'L0');
    const { quote, optionId } = await quoteOption(t, buyer, ORIGIN, { mode: 'express' });
    const insert = EventsRepository.prototype.insert;
    const tx = t.app.get(TransactionContext);
    let seenInside = 0;
    const spy = jest.spyOn(EventsRepository.prototype, 'insert').mockImplementationOnce(async function (
      this: EventsRepository,
      rows,
      at,
      followers,
    ) {
      await insert.call(this, rows, at, followers);
      const m = tx.manager;
      // Inside the booking's transaction both are there…
      seenInside = ((await m.query(`SELECT count(*)::int AS n FROM events WHERE id = $1`, [rows[0]!.id])) as { n: number }[])[0]!.n;
      throw new Error('abort after the event insert');
    });
    try {
      expect((await book(t, buyer, optionId)).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(seenInside).toBe(1);
    // …and after the rollback neither is.
    expect(await t.dataSource.query(`SELECT id FROM orders WHERE quote_id = $1`, [quote.id])).toEqual([]);
    expect(await t.dataSource.query(`SELECT id FROM events WHERE buyer_id = $1 AND type LIKE 'order.%'`, [buyer.id])).toEqual([]);

    // The same booking goes through once nothing aborts it, with its event.
    expect((await book(t, buyer, optionId)).status).toBe(201);
    expect((await feed(buyer.auth, '?type=order.booked')).data).toHaveLength(1);
  });

  it('keeps events 30 days: the retention sweep purges older ones only', async () => {
    const buyer = await registerBuyer(t);
    t.clock.set('2026-04-01T12:00:00Z');
    await verified(t, buyer, 'business_registration', {
      registrationNumber: '2',
      legalName: 'Old Ltd',
      country: 'GB',
      yearEstablished: 2025,
    });
    t.clock.set('2026-05-02T11:00:00Z');
    await verified(t, buyer, 'annual_procurement_usd', 50_000);
    const before = (await feed(buyer.auth)).data.map((e) => e.createdAt);
    expect(before).toContain('2026-04-01T12:00:00.000Z');

    t.clock.set('2026-05-02T12:30:00Z');
    const run = await t.http.post('/v1/admin/sweeps/events-retention').set(t.admin).send({});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ sweep: 'events-retention', ran: true });
    expect(run.body.changed).toBeGreaterThanOrEqual(2);
    const after = (await feed(buyer.auth)).data.map((e) => e.createdAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((at) => at >= '2026-04-02T12:30:00.000Z')).toBe(true);
    t.clock.set('2026-06-02T08:00:00Z');
  });

  it('announces a restriction’s end once, at the first qualification check after it (provider.status_changed)', async () => {
    t.clock.set('2026-06-03T12:00:00Z');
    const restricted = await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Events Restricted Express');
    const changes = async () => (await feed(restricted.key, '?type=provider.status_changed')).data;
    const before = (await changes()).length;
    // 12 points: restricted 7 days (§7), until 2026-06-10T12:00Z; its start is announced with the entry.
    expect((await t.http.post(`/v1/providers/${restricted.id}/violations`).set(t.admin).send({ code: 'forged_evidence' })).status).toBe(
      201,
    );
    const started = await changes();
    expect(started).toHaveLength(before + 1);
    expect(started[0]!.data.object).toMatchObject({ id: restricted.id, restrictedUntil: '2026-06-10T12:00:00.000Z' });

    const check = () => t.http.post(`/v1/providers/${restricted.id}/qualification-check`).set(restricted.key).send({});
    t.clock.set('2026-06-10T11:00:00Z');
    expect((await check()).status).toBe(200);
    expect(await changes()).toHaveLength(before + 1); // still running: nothing to announce

    t.clock.set('2026-06-10T13:00:00Z');
    expect((await check()).status).toBe(200);
    const ended = await changes();
    expect(ended).toHaveLength(before + 2);
    expect(ended[0]!.createdAt).toBe('2026-06-10T13:00:00.000Z');
    expect(ended[0]!.data.object).toMatchObject({ id: restricted.id, status: 'qualified' });

    expect((await check()).status).toBe(200);
    expect(await changes()).toHaveLength(before + 2); // announced once
    t.clock.set('2026-06-02T08:00:00Z');
  });
});
