import type { DataSource } from 'typeorm';

/** Arbitrary constant: the advisory lock that serialises migration runs of several instances. */
const MIGRATION_LOCK = 7_220_000_001;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so that several instances
 * starting at once apply each migration exactly once.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
