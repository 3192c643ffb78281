import { OrderEntity } from '../../src/orders/order.entity';
import { OrdersRepository } from '../../src/orders/orders.repository';
import { TransactionContext } from '../../src/database/transaction-context';
import { book, bookedOrder, party, postEvent, quoteOption } from '../orders/orders.fixtures';
import { buyerAt, providerWithLanes, type ScenarioProvider } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import type { TestBuyer } from '../buyers/buyers.fixtures';

const ORIGIN = 'KG'; // this file's own lanes (no other test file quotes from Kyrgyzstan)

/**
 * The hot reads of one order are plain SQL built from the entity's metadata (entityRows): they must
 * give exactly what TypeORM's own hydration gives on the same row — every column, bigints as numbers,
 * dates as ISO text, instants as Dates, nulls kept — for an order fresh from booking and for one whose
 * lifecycle columns are all set.
 */
describe('entityRows: the raw order reads equal the QueryBuilder hydration', () => {
  let t: TestApp;
  let provider: ScenarioProvider;
  let buyer: TestBuyer;
  let orders: OrdersRepository;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T12:00:00Z');
    provider = await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Entity Rows Cargo');
    buyer = await buyerAt(t, 'L3');
    orders = t.app.get(OrdersRepository);
  });
  afterAll(() => t.close());

  const viaQueryBuilder = (id: string) =>
    t.app.get(TransactionContext).manager.createQueryBuilder(OrderEntity, 'o').where('o.id = :id', { id }).getOneOrFail();

  it('a booked order: every column read, and the same values', async () => {
    const order = await bookedOrder(t, buyer, ORIGIN);
    const expected = await viaQueryBuilder(order.id);
    const raw = await orders.find(order.id);
    expect(raw).toEqual({ ...expected });
    expect(Object.keys(raw!).sort()).toEqual(Object.keys(expected).sort());
    expect(raw!.totalMinor).toBe(order.totalMinor);
    expect(typeof raw!.declaredValueMinor).toBe('number');
    expect(raw!.pickupBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(raw!.bookedAt).toBeInstanceOf(Date);
    expect((await orders.find(order.id, true))!.id).toBe(order.id);
  });

  it('a delivered order (picked up, delivered, onTime set) and its timeline', async () => {
    const { optionId } = await quoteOption(t, buyer, ORIGIN, { mode: 'express' });
    const booked = await book(t, buyer, optionId, undefined, party());
    expect(booked.status).toBe(201);
    const id = booked.body.id as string;
    t.clock.set('2026-06-01T14:00:00Z');
    expect((await postEvent(t, provider.key, id, 'picked_up', '2026-06-01T13:00:00Z')).status).toBe(200);
    t.clock.set('2026-06-03T11:00:00Z');
    expect((await postEvent(t, provider.key, id, 'delivered', '2026-06-03T10:00:00Z')).status).toBe(200);
    const expected = await viaQueryBuilder(id);
    expect(expected.deliveredAt).toEqual(new Date('2026-06-03T10:00:00Z'));
    const found = await orders.findWithTimeline(id);
    expect(found!.order).toEqual({ ...expected });
    expect(found!.order.onTime).toBe(true);
    expect(found!.events.map((e) => e.type)).toEqual(['booked', 'picked_up', 'delivered']);
    expect(found!.events[1]!.occurredAt).toEqual(new Date('2026-06-01T13:00:00Z'));
  });

  it('no such order: null', async () => {
    expect(await orders.find('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await orders.findWithTimeline('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
