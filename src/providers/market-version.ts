import type { EntityManager } from 'typeorm';

/**
 * The market version: one integer in the `market_version` table. Every transaction that changes
 * what is bookable (a lane created, changed or deactivated; a provider's status, restrictedUntil or
 * demotedUntil changed) bumps it, so every instance's BookableLanesService sees within its check
 * interval that its cache is stale. Orders/compliance: call this in the same transaction when you
 * set `providers.restricted_until`, `demoted_until` or `status`, then `BookableLanesService.invalidate()`
 * after the commit.
 */
export async function bumpMarketVersion(manager: EntityManager): Promise<void> {
  await manager.query('UPDATE market_version SET version = version + 1 WHERE id = 1');
}

export async function readMarketVersion(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query('SELECT version::text AS version FROM market_version WHERE id = 1')) as { version: string }[];
  return row.version;
}
