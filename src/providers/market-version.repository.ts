import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { MarketVersionEntity } from './market-version.entity';

/**
 * The market version: one counter (`market_version`, row 1). Every transaction that changes what
 * is bookable (a lane created, changed or deactivated; a provider's status, restrictedUntil or
 * demotedUntil changed) bumps it, so every instance's BookableLanesService sees within its check
 * interval that its cache is stale. Only the providers module writes it (other modules change a
 * provider's listing through ProviderRestrictions, which bumps it).
 */
@Injectable()
export class MarketVersionRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Bumps the version at the end of the ambient transaction, once however many changes it makes:
   * its one row is then locked only for the commit, never while the transaction waits for a
   * provider's row, so a transaction changing provider P cannot deadlock with one changing Q.
   */
  bump(): Promise<void> {
    return this.tx.beforeCommit('market_version', (manager) =>
      manager.increment(MarketVersionEntity, { id: 1 }, 'version', 1).then(() => undefined),
    );
  }
}
