import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { startEmbeddedDatabase } from '../../src/database/embedded/embedded-database';

describe('the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'blm-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves PostgreSQL on 127.0.0.1, refuses a second process on the same directory, and keeps data across restarts', async () => {
    const first = await startEmbeddedDatabase({ dataDir, maxConnections: 2 });
    expect(first.fresh).toBe(true);
    try {
      await expect(startEmbeddedDatabase({ dataDir, maxConnections: 2 })).rejects.toThrow(/in use by process \d+/);
      const client = new Client({ connectionString: first.url });
      await client.connect();
      await client.query('CREATE TABLE kept (n int)');
      await client.query('INSERT INTO kept VALUES (42)');
      await client.end();
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedDatabase({ dataDir, maxConnections: 2 });
    try {
      expect(second.fresh).toBe(false);
      const client = new Client({ connectionString: second.url });
      await client.connect();
      expect((await client.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
      await client.end();
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('keeps concurrent connections apart: extended-protocol queries and transactions never interleave', async () => {
    const db = await startEmbeddedDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'blm-embedded-')), maxConnections: 10 });
    const pool = new Pool({ connectionString: db.url, max: 8 });
    try {
      await pool.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
      await Promise.all(
        Array.from({ length: 300 }, async (_, i) => {
          if (i % 3 === 0) {
            const client = await pool.connect();
            try {
              await client.query('BEGIN');
              await client.query('INSERT INTO t VALUES ($1, $2)', [i, 'x']);
              await client.query('SELECT count(*) FROM t WHERE id < $1 AND v = $2', [i, 'x']);
              await client.query('COMMIT');
            } finally {
              client.release();
            }
          } else {
            const { rows } = await pool.query('SELECT $1::int + $2::int AS s, $3::text AS t', [i, 1, 'q']);
            expect(rows[0]).toEqual({ s: i + 1, t: 'q' });
          }
        }),
      );
      expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(100);
    } finally {
      await pool.end();
      await db.stop();
    }
  }, 60_000);

  it('rolls back the transaction of a connection that closes inside it, and serves the others on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blm-embedded-'));
    const db = await startEmbeddedDatabase({ dataDir: dir, maxConnections: 4 });
    const [cut, other] = [new Client({ connectionString: db.url }), new Client({ connectionString: db.url })];
    try {
      await Promise.all([cut.connect(), other.connect()]);
      cut.on('error', () => undefined); // "Connection terminated unexpectedly", expected here
      await cut.query('CREATE TABLE cut (n int)');
      await cut.query('BEGIN');
      await cut.query('INSERT INTO cut VALUES (1)');
      (cut as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      const { rows } = await other.query('SELECT count(*)::int AS n FROM cut');
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await other.end();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
