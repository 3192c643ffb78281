import { Module } from '@nestjs/common';
import { BuyerTierReader } from './buyer-tier.reader';
import { BuyerTierService } from './buyer-tier.service';
import { BuyersController } from './buyers.controller';
import { BuyersRepository } from './buyers.repository';
import { BuyersService } from './buyers.service';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { PlatformGmvService } from './platform-gmv.service';
import { TierExpirySweep } from './tier-expiry.sweep';
import { TierPolicyService } from './tier-policy.service';
import { TiersController } from './tiers.controller';

/**
 * Buyers, evidence and tiers (SPEC §3). Other modules use BuyerTierReader.tierOf (quotes, orders)
 * and BuyerTierService.reevaluate (orders, on delivery).
 */
@Module({
  controllers: [BuyersController, EvidenceController, TiersController],
  providers: [
    BuyersRepository,
    BuyersService,
    EvidenceService,
    BuyerTierService,
    BuyerTierReader,
    TierPolicyService,
    PlatformGmvService,
    TierExpirySweep,
  ],
  exports: [BuyerTierReader, BuyerTierService, BuyersService, PlatformGmvService],
})
export class BuyersModule {}
