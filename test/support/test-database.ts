import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/migrate';
import { startEmbeddedDatabase } from '../../src/database/embedded/embedded-database';

export type TestDatabaseKind = 'postgres' | 'embedded';

/** Prepared statements on the run's test database: PostgreSQL keeps them; the embedded one cannot (one shared session). */
export const TEST_DB_PREPARES = process.env.TEST_DB === 'postgres';

/**
 * Which database the suite runs on: TEST_DB=postgres (a fresh database on TEST_PG_URL, default the
 * local server) or TEST_DB=embedded (a fresh PGlite directory). Every run gets its own database,
 * so runs never see each other's data.
 */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TEST_DB ?? 'embedded';
  if (kind !== 'postgres' && kind !== 'embedded') throw new Error(`TEST_DB must be postgres or embedded, not ${kind}`);
  return kind;
}

export interface TestDatabase {
  url: string;
  teardown(): Promise<void>;
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'blm-test-'));
    const db = await startEmbeddedDatabase({ dataDir, maxConnections: 16 });
    await migrate(db.url);
    return {
      url: db.url,
      teardown: async () => {
        await db.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const name = `blm_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    teardown: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function migrate(url: string): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
