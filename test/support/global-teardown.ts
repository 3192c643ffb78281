import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __testDb?: { teardown(): Promise<void> } }).__testDb;
  await db?.teardown();
  reportContractCount();
}

/** How many responses the contract check held to openapi.json in this run (test/support/contract.ts). */
function reportContractCount(): void {
  const file = process.env.CONTRACT_COUNT_FILE;
  if (!file || !existsSync(file)) return;
  const counts = readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
  process.stdout.write(`contract: ${counts.reduce((a, b) => a + b, 0)} responses validated against openapi.json in ${counts.length} test files\n`);
  rmSync(dirname(file), { recursive: true, force: true });
}
