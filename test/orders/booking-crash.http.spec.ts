import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { MetricsService } from '../../src/common/metrics/metrics.service';
import { TransactionContext } from '../../src/database/transaction-context';
import { OrdersRepository } from '../../src/orders/orders.repository';
import { buyerAt, providerWithLanes } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { book, quoteOption } from './orders.fixtures';

/**
 * Cuts the connection of the booking's transaction for real, right after its order insert: on
 * PostgreSQL its backend is terminated from another connection; on the embedded database (one
 * backend for all connections) the connection's socket is closed, and the server rolls back.
 */
async function cutConnection(m: EntityManager): Promise<void> {
  if (process.env.TEST_DB === 'postgres') {
    const [{ pid }] = (await m.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    const admin = new Client({ connectionString: process.env.TEST_DB_URL });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
    } finally {
      await admin.end();
    }
  } else {
    const client = (m.queryRunner as unknown as { databaseConnection: { connection: { stream: Socket } } }).databaseConnection;
    client.connection.stream.destroy();
  }
}

describe('a booking whose connection is cut before its response (SPEC §1 Idempotency-Key)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leaves no order and no key behind, and the retry with the same key books it once (201, not 409)', async () => {
    await providerWithLanes(t, 'MN', [{ mode: 'express' }], 'Crash Test Express');
    const buyer = await buyerAt(t, 'L0');
    const { quote, optionId } = await quoteOption(t, buyer, 'MN');
    const key = `crash-${randomUUID()}`; // unique in the run's database, whichever worker runs the file

    const metrics = t.app.get(MetricsService).registry;
    const booked = async () => (await metrics.getSingleMetric('orders_booked_total')!.get()).values[0]?.value ?? 0;
    const bookedBefore = await booked();
    const repo = t.app.get(OrdersRepository);
    const tx = t.app.get(TransactionContext);
    const insert = repo.insert.bind(repo);
    const spy = jest.spyOn(repo, 'insert').mockImplementationOnce(async (order) => {
      const inserted = await insert(order);
      await cutConnection(tx.manager);
      return inserted;
    });
    try {
      const cut = await book(t, buyer, optionId, key);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(cut.status).toBeGreaterThanOrEqual(500);
    } finally {
      spy.mockRestore();
    }
    const count = async (sql: string, param: string) => ((await t.dataSource.query(sql, [param])) as { n: number }[])[0]!.n;
    expect(await count('SELECT count(*)::int AS n FROM orders WHERE quote_id = $1', quote.id)).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', key)).toBe(0);
    // Counted after the commit only: the rolled-back booking is not counted.
    expect(await booked()).toBe(bookedBefore);

    const retry = await book(t, buyer, optionId, key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await booked()).toBe(bookedBefore + 1);
    expect(retry.body).toMatchObject({ quoteId: quote.id, quoteOptionId: optionId, status: 'booked' });
    const orders = (await t.dataSource.query('SELECT id FROM orders WHERE quote_id = $1', [quote.id])) as { id: string }[];
    expect(orders).toEqual([{ id: retry.body.id }]);

    const replay = await book(t, buyer, optionId, key);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retry.body);
    expect(await count('SELECT count(*)::int AS n FROM orders WHERE quote_id = $1', quote.id)).toBe(1);
  });
});
