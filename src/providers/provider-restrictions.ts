import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { BookableLanesService } from './bookable-lanes.service';
import { LanesRepository } from './lanes.repository';
import { MarketVersionRepository } from './market-version.repository';
import { ProvidersRepository, type ProviderSanctions } from './providers.repository';

export type { ProviderSanctions };

/**
 * The narrow port through which compliance (§7) acts on a provider: read (and lock) its sanctions,
 * set its restriction, demotion or termination, deactivate its lanes. Each change bumps the market
 * version in the caller's transaction and drops this instance's bookable-lanes cache once that
 * transaction has committed (TransactionContext.afterCommit), so the caller has nothing to remember.
 * Providers' tables stay the providers module's: compliance names none of them.
 */
@Injectable()
export class ProviderRestrictions {
  constructor(
    private readonly tx: TransactionContext,
    private readonly providers: ProvidersRepository,
    private readonly lanes: LanesRepository,
    private readonly marketVersion: MarketVersionRepository,
    private readonly bookable: BookableLanesService,
  ) {}

  /** With `lock`, two violations of one provider are added up one after the other. */
  sanctions(providerId: string, options: { lock: boolean }, manager?: EntityManager): Promise<ProviderSanctions | null> {
    return this.providers.sanctions(providerId, options, manager ?? this.tx.manager);
  }

  /**
   * Stores the provider's sanctions after an entry and, when asked, deactivates all its active lanes
   * (§7 at 36 points). Returns whether any lane was deactivated.
   */
  async apply(
    providerId: string,
    change: { restrictedUntil: Date | null; demotedUntil: Date | null; terminate: boolean; deactivateLanesAt: Date | null },
    manager: EntityManager = this.tx.manager,
  ): Promise<{ lanesDeactivated: boolean }> {
    await this.providers.saveSanctions(providerId, change, manager);
    const deactivated = change.deactivateLanesAt ? await this.lanes.deactivateAll(providerId, change.deactivateLanesAt, manager) : 0;
    await this.marketVersion.bump();
    this.tx.afterCommit(() => this.bookable.invalidate());
    return { lanesDeactivated: deactivated > 0 };
  }
}
