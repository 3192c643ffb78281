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
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').map(Number));
  const sum = (column: number) => lines.reduce((total, line) => total + (line[column] ?? 0), 0);
  process.stdout.write(
    `contract: ${sum(0)} responses validated against openapi.json in ${lines.length} test files (${sum(1)} ms in the checks, validators compiled once in the global setup)\n`,
  );
  rmSync(dirname(file), { recursive: true, force: true });
  if (process.env.CONTRACT_VALIDATORS) rmSync(process.env.CONTRACT_VALIDATORS, { force: true });
}
