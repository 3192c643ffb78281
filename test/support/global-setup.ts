import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCompiledValidators } from './contract-schemas';
import { createTestDatabase, testDatabaseKind } from './test-database';

export default async function globalSetup(): Promise<void> {
  const kind = testDatabaseKind();
  const db = await createTestDatabase(kind);
  // Workers are spawned after this and inherit the environment.
  process.env.TEST_DB = kind;
  process.env.TEST_DB_URL = db.url;
  process.env.CONTRACT_COUNT_FILE = join(mkdtempSync(join(tmpdir(), 'blm-contract-')), 'counts');
  // Inside node_modules so the generated code can require ajv-formats.
  process.env.CONTRACT_VALIDATORS = writeCompiledValidators(
    join(__dirname, '..', '..', 'node_modules', '.cache', 'blm-contract', `validators-${process.pid}.js`),
  );
  (globalThis as { __testDb?: typeof db }).__testDb = db;
  process.stdout.write(`\ntest database: ${kind} (${db.url.replace(/\/\/[^@]*@/, '//')})\n`);
}
