import { DataSource } from 'typeorm';
import { isDatabaseUnavailable, isStalePreparedStatement } from '../../src/database/connection-errors';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { prepared, preparedName } from '../../src/database/sql';
import { bookedOrder } from '../orders/orders.fixtures';
import { buyerAt, providerWithLanes } from '../support/scenario';
import { createTestApp, onPostgres } from '../support/test-app';

const ORIGIN = 'TJ'; // this file's own lanes (no other test file quotes from Tajikistan)

const PREPARED_HERE = `SELECT name, statement FROM pg_prepared_statements`;

/** The statements prepared on the connections of a pool of `size` (each holds its own): name → text. */
async function preparedOnPool(db: DataSource, size: number): Promise<Map<string, string>> {
  const runners = Array.from({ length: size }, () => db.createQueryRunner());
  try {
    await Promise.all(runners.map((r) => r.connect()));
    const rows = (await Promise.all(runners.map((r) => r.query(PREPARED_HERE)))).flat() as { name: string; statement: string }[];
    return new Map(rows.map((r) => [r.name, r.statement]));
  } finally {
    await Promise.all(runners.map((r) => r.release()));
  }
}

/**
 * A statement marked with `prepared` runs by name on PostgreSQL (parsed once per connection), one
 * that is not runs unnamed, and a failed execution leaves the statement usable. pg_prepared_statements
 * is per session: each of a pool's connections is asked.
 */
onPostgres('prepared statements (PostgreSQL)', () => {
  const MARKED = prepared('SELECT $1::int + 1 AS n /* prepared-statements.spec */');
  const UNMARKED = 'SELECT $1::int + 2 AS n /* prepared-statements.spec */';

  const pool = async (preparedStatements: boolean) =>
    new DataSource(dataSourceOptions(process.env.TEST_DB_URL!, 1, preparedStatements)).initialize();

  it('with preparedStatements: the marked text is prepared under its name, the unmarked one is not', async () => {
    const db = await pool(true);
    try {
      expect(await db.query(MARKED, [1])).toEqual([{ n: 2 }]);
      expect(await db.query(MARKED, [41])).toEqual([{ n: 42 }]);
      expect(await db.query(UNMARKED, [1])).toEqual([{ n: 3 }]);
      const here = await preparedOnPool(db, 1);
      expect(preparedName(MARKED)).toMatch(/^s_[0-9a-f]{24}$/);
      expect(here.get(preparedName(MARKED)!)).toBe(MARKED);
      expect([...here.values()]).not.toContain(UNMARKED);
    } finally {
      await db.destroy();
    }
  });

  it('without it: nothing is prepared', async () => {
    const db = await pool(false);
    try {
      expect(await db.query(MARKED, [1])).toEqual([{ n: 2 }]);
      expect((await preparedOnPool(db, 1)).size).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('a failed execution (bad value, aborted transaction) leaves the statement working', async () => {
    const db = await pool(true);
    try {
      await expect(db.query(MARKED, ['not a number'])).rejects.toThrow(/invalid input syntax for type integer/);
      expect(await db.query(MARKED, [2])).toEqual([{ n: 3 }]);
      await expect(
        db.transaction(async (m) => {
          await m.query('SELECT 1/0');
        }),
      ).rejects.toThrow(/division by zero/);
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      await expect(runner.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
      // In the aborted transaction even the statement's Bind is refused; after the rollback it runs.
      await expect(runner.query(MARKED, [3])).rejects.toThrow(/current transaction is aborted/);
      await runner.rollbackTransaction();
      expect(await runner.query(MARKED, [3])).toEqual([{ n: 4 }]);
      await runner.release();
    } finally {
      await db.destroy();
    }
  });

  it('a statement a migration made stale: that request fails as unavailable (503), the connection is closed, the next one runs', async () => {
    const db = await pool(true);
    const table = `prepared_spec_${process.pid}`;
    try {
      await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, x int)`);
      await db.query(`INSERT INTO ${table} VALUES (1, 7)`);
      const READ = prepared(`SELECT x FROM ${table} WHERE id = $1`);
      expect(await db.query(READ, [1])).toEqual([{ x: 7 }]);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN x TYPE text`);
      const stale = await db.query(READ, [1]).catch((error: unknown) => error);
      expect(isStalePreparedStatement(stale)).toBe(true);
      expect(isDatabaseUnavailable(stale)).toBe(true);
      expect(await db.query(READ, [1])).toEqual([{ x: '7' }]);
    } finally {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
      await db.destroy();
    }
  });

  it("the app's booking runs its statements prepared (the app's pool, DB_PREPARED_STATEMENTS on)", async () => {
    const t = await createTestApp({ config: { dbPoolSize: 3, dbPreparedStatements: true } });
    try {
      await providerWithLanes(t, ORIGIN, [{ mode: 'express' }], 'Prepared Freight');
      const buyer = await buyerAt(t, 'L1');
      const order = await bookedOrder(t, buyer, ORIGIN);
      expect(order.id).toMatch(/^[0-9a-f-]{36}$/);
      const statements = [...(await preparedOnPool(t.dataSource, 3)).entries()];
      const texts = statements.map(([, text]) => text);
      // The booking's own statements: the key, the option, the lane, the order, the event, the response.
      for (const fragment of [
        'INSERT INTO idempotency_keys',
        'FROM quote_options o JOIN quotes q',
        'FROM lanes l JOIN providers p',
        'INSERT INTO orders',
        'INSERT INTO events',
        'UPDATE idempotency_keys SET response_status',
      ]) {
        expect(texts.filter((text) => text.includes(fragment))).toHaveLength(1);
      }
      for (const [name, text] of statements) expect(preparedName(text)).toBe(name);
    } finally {
      await t.close();
    }
  });
});
