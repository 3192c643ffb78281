import { Module } from '@nestjs/common';
import { OrderFiguresModule } from '../orders/order-figures.module';
import { BuyerTierReader } from './buyer-tier.reader';
import { BuyerTierService } from './buyer-tier.service';
import { BuyersController } from './buyers.controller';
import { BuyersRepository } from './buyers.repository';
import { BuyersService } from './buyers.service';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { PlatformGmvService } from './platform-gmv.service';
import { TierExpirySweep } from './tier-expiry.sweep';
import { TierPolicyRepository } from './tier-policy.repository';
import { TierPolicyService } from './tier-policy.service';
import { TiersController } from './tiers.controller';

/**
 * Buyers, evidence and tiers (SPEC §3). Owns `buyers`, `buyer_evidence`, `buyer_tier_history` and
 * `tier_policies`. Other modules use BuyerTierReader.tierOf (quotes, orders)
 * and BuyerTierService.reevaluate (orders, on delivery).
 */
@Module({
  imports: [OrderFiguresModule],
  controllers: [BuyersController, EvidenceController, TiersController],
  providers: [
    BuyersRepository,
    BuyersService,
    EvidenceService,
    BuyerTierService,
    BuyerTierReader,
    TierPolicyRepository,
    TierPolicyService,
    PlatformGmvService,
    TierExpirySweep,
  ],
  exports: [BuyerTierReader, BuyerTierService, BuyersService, PlatformGmvService],
})
export class BuyersModule {}
