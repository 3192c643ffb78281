import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A stable 63-bit lock id for a name, so callers can use readable names. */
export function lockId(name: string): string {
  return BigInt.asIntN(64, BigInt('0x' + createHash('sha256').update(name).digest('hex').slice(0, 16))).toString();
}

/** Given to the work while the lock is held: throws once the lock's connection is gone. */
export type LockCheck = () => Promise<void>;

/**
 * Runs `work` holding the session-level advisory lock `name` on one dedicated connection, or returns
 * `{ ran: false }` at once when another session holds it. The work commits in its own transactions
 * (other connections), so a long sweep never holds one transaction open. The lock is released in
 * `finally`; if its connection dies the server releases it, and `stillHeld` then throws, so the work
 * stops at its next batch instead of running beside another instance that took the lock meanwhile.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  name: string,
  work: (stillHeld: LockCheck) => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const runner = dataSource.createQueryRunner();
  try {
    const id = lockId(name);
    const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [id])) as { locked: boolean }[];
    if (!locked) return { ran: false };
    try {
      return { ran: true, result: await work(async () => void (await runner.query('SELECT 1'))) };
    } finally {
      // A dead connection took the lock with it: nothing to release.
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [id]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}

/** The injectable form: the sweeps take their session-level locks through it, and hold no DataSource. */
@Injectable()
export class AdvisoryLocks {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(name: string, work: (stillHeld: LockCheck) => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    return withAdvisoryLock(this.dataSource, name, work);
  }
}
