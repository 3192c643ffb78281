import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

  async bump(manager: EntityManager = this.tx.manager): Promise<void> {
    await manager.increment(MarketVersionEntity, { id: 1 }, 'version', 1);
  }
}
