import { createTestDatabase, testDatabaseKind } from './test-database';

export default async function globalSetup(): Promise<void> {
  const kind = testDatabaseKind();
  const db = await createTestDatabase(kind);
  // Workers are spawned after this and inherit the environment.
  process.env.TEST_DB = kind;
  process.env.TEST_DB_URL = db.url;
  (globalThis as { __testDb?: typeof db }).__testDb = db;
  process.stdout.write(`\ntest database: ${kind} (${db.url.replace(/\/\/[^@]*@/, '//')})\n`);
}
