import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BuyerTierReader } from '../buyers/buyer-tier.reader';
import { BuyerTierService } from '../buyers/buyer-tier.service';
import { BuyerLink } from './buyer-link';

@Injectable()
export class BuyerLinkAdapter extends BuyerLink {
  constructor(
    private readonly reader: BuyerTierReader,
    private readonly tiers: BuyerTierService,
  ) {
    super();
  }

  async termsAtBooking(buyerId: string) {
    const { tier, automaticCompensation } = await this.reader.tierOf(buyerId);
    return { tier, automaticCompensation };
  }

  async reevaluateAfterDelivery(manager: EntityManager, buyerId: string, orderId: string, at: Date): Promise<void> {
    await this.tiers.reevaluate(manager, buyerId, { reason: 'order_delivered', at, detail: `order ${orderId} delivered` });
  }
}
