import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** A stable 63-bit lock id for a name, so callers can use readable names. */
export function lockId(name: string): string {
  return BigInt.asIntN(64, BigInt('0x' + createHash('sha256').update(name).digest('hex').slice(0, 16))).toString();
}

/**
 * Runs `work` in a transaction holding the advisory lock `name`, or returns `{ ran: false }` at once
 * when another instance holds it. A transaction-scoped lock is released by COMMIT/ROLLBACK, so a
 * crashed holder can never leave it taken. Used so that several server instances never run the same
 * sweep at once.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  name: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  return dataSource.transaction(async (manager) => {
    const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [lockId(name)])) as { locked: boolean }[];
    if (!locked) return { ran: false as const };
    return { ran: true as const, result: await work(manager) };
  });
}
