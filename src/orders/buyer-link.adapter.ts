import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BuyerTierReader } from '../buyers/buyer-tier.reader';
import { BuyerTierService } from '../buyers/buyer-tier.service';
import { BuyersService } from '../buyers/buyers.service';
import type { Principal } from '../common/auth/principal';
import { BuyerLink } from './buyer-link';

@Injectable()
export class BuyerLinkAdapter extends BuyerLink {
  constructor(
    private readonly reader: BuyerTierReader,
    private readonly tiers: BuyerTierService,
    private readonly buyers: BuyersService,
  ) {
    super();
  }

  async termsAtBooking(buyerId: string) {
    const { tier, automaticCompensation } = await this.reader.tierOf(buyerId);
    return { tier, automaticCompensation };
  }

  assertVisible(caller: Principal, buyerId: string): Promise<void> {
    return this.buyers.assertVisible(caller, buyerId);
  }

  async reevaluateAfterDelivery(manager: EntityManager, buyerId: string, orderId: string, at: Date): Promise<void> {
    await this.tiers.reevaluate(manager, buyerId, { reason: 'order_delivered', at, detail: `order ${orderId} delivered` });
  }
}
