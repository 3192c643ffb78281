import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { classifyStartError, describeDatabaseError } from './connection-errors';

/** A start that cannot succeed: its message is the one line the operator reads. */
export class DatabaseStartError extends Error {}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

/** Where the URL points, without its credentials. */
function target(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

async function probe(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined); // a late socket error after a failed connect; the connect rejects
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Connects once before the application is built. A refusal that retrying cannot fix (no such
 * database or role, wrong password, malformed URL) fails at once; a database that is down or starting
 * up is retried with a doubling pause (250 ms … 5 s) for `retryForMs`, one warning line per attempt.
 */
export async function waitForDatabase(url: string, retryForMs: number, logger = new Logger('Database')): Promise<void> {
  const deadline = Date.now() + retryForMs;
  for (let attempt = 1, delay = FIRST_DELAY_MS; ; attempt++, delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      await probe(url);
      return;
    } catch (error) {
      const verdict = classifyStartError(error);
      const what = describeDatabaseError(error);
      if (verdict.kind === 'permanent') {
        throw new DatabaseStartError(`cannot use the database at ${target(url)}: ${verdict.reason}: ${what}; check DATABASE_URL`);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DatabaseStartError(
          `the database at ${target(url)} is unreachable after ${attempt} attempts over ${Math.round(retryForMs / 1000)} s: ${what}`,
        );
      }
      const pause = Math.min(delay, left);
      logger.warn(`the database at ${target(url)} is not reachable yet (${what}); attempt ${attempt + 1} in ${pause} ms`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
