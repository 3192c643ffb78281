import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiKeysService } from '../common/auth/api-keys.service';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import type { BuyerTierHistoryEntity } from './buyer-tier-history.entity';
import type { BuyerEntity } from './buyer.entity';
import { BuyerTierService } from './buyer-tier.service';
import { BuyersRepository } from './buyers.repository';
import type { TierCode } from './tier-policy';

export interface RegisterBuyerInput {
  companyName: string;
  country: string;
  contactEmail?: string;
}

/** Registration, reading and listing buyers. The tier is never written here, only by BuyerTierService. */
@Injectable()
export class BuyersService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionContext,
    private readonly repo: BuyersRepository,
    private readonly tiers: BuyerTierService,
    private readonly apiKeys: ApiKeysService,
    private readonly clock: Clock,
  ) {}

  /** Keys for a buyer may be issued only while it exists (ApiKeysService asks this module). */
  onModuleInit(): void {
    this.apiKeys.registerSubjects('buyer', async (id) => (await this.repo.findBuyer(id)) !== null);
  }

  /** The buyer, its L0 evaluation, the history row and its first API key, in one transaction. */
  async register(input: RegisterBuyerInput): Promise<{ buyer: BuyerEntity; apiKey: string }> {
    const now = this.clock.now();
    return this.tx.run(async (m) => {
      const initial = await this.tiers.initialSnapshot(m, now);
      const buyer = await this.repo.insertBuyer(
        { companyName: input.companyName, country: input.country, contactEmail: input.contactEmail ?? null, ...initial },
        m,
      );
      await this.repo.insertHistory(m, [
        {
          buyerId: buyer.id,
          fromTier: null,
          toTier: buyer.tier,
          reason: 'registered',
          detail: 'registered',
          policyVersion: buyer.policyVersion,
          evidenceId: null,
          at: now,
        },
      ]);
      const { secret } = await this.apiKeys.issue({ role: 'buyer', subjectId: buyer.id, label: 'registration' }, m);
      return { buyer, apiKey: secret };
    });
  }

  /** The buyer with an up-to-date tier, for an admin or the buyer itself; anyone else: 404. */
  async get(caller: Principal, id: string): Promise<BuyerEntity> {
    requireAccess(caller, 'buyer', id);
    const buyer = await this.tiers.current(id);
    if (!buyer) throw new NotFoundError('Buyer');
    return buyer;
  }

  list(query: { tier?: TierCode; limit: number; cursor?: string }): Promise<Page<BuyerEntity>> {
    return this.repo.listBuyers(query);
  }

  async history(caller: Principal, id: string, query: { limit: number; cursor?: string }): Promise<Page<BuyerTierHistoryEntity>> {
    await this.assertVisible(caller, id);
    return this.repo.listHistory(id, query);
  }

  /** 404 unless the buyer exists and the caller may see it. */
  async assertVisible(caller: Principal, id: string): Promise<void> {
    requireAccess(caller, 'buyer', id);
    if (!(await this.repo.findBuyer(id))) throw new NotFoundError('Buyer');
  }
}
