import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
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
});
