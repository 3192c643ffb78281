import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { BuyerTierService } from './buyer-tier.service';
import { discountBps, tierDefinition, type TierCode } from './tier-policy';
import { TierPolicyService } from './tier-policy.service';

/** What quotes and orders need to know about a buyer's tier. */
export interface BuyerTierBenefits {
  buyerId: string;
  tier: TierCode;
  /** The version the tier was evaluated under. */
  policyVersion: number;
  /** Of the current policy (§3.4); e.g. 200 for 2 %. */
  discountBps: number;
  quoteValidityHours: number;
  automaticCompensation: boolean;
}

/**
 * The read the quotes and orders modules use: one indexed read of the buyer row (a stale snapshot is
 * refreshed first) and the benefits of the current policy from memory (see TierPolicyService for
 * how fresh that copy is).
 */
@Injectable()
export class BuyerTierReader {
  constructor(
    private readonly tiers: BuyerTierService,
    private readonly policies: TierPolicyService,
  ) {}

  /** Throws NotFoundError('Buyer') when there is no such buyer. */
  async tierOf(buyerId: string): Promise<BuyerTierBenefits> {
    const buyer = await this.tiers.current(buyerId);
    if (!buyer) throw new NotFoundError('Buyer');
    const { benefits } = tierDefinition(await this.policies.current(), buyer.tier);
    return {
      buyerId,
      tier: buyer.tier,
      policyVersion: buyer.policyVersion,
      discountBps: discountBps(benefits),
      quoteValidityHours: benefits.quoteValidityHours,
      automaticCompensation: benefits.automaticCompensation,
    };
  }
}
