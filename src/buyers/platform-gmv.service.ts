import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * `platformGmvUsd12m` (SPEC §3.1): the sum, in whole USD, of the buyer's orders delivered in the 365
 * days before `now`. It counts as verified evidence.
 *
 * TODO(orders): there are no orders yet, so this is 0 for everyone. The orders work fills in the two
 * methods below with one SQL sum over delivered orders (`delivered_at > now − 365 days`, reading the
 * `orders` table directly so buyers does not import the orders module), and calls
 * `BuyerTierService.reevaluate(manager, buyerId, { reason: 'order_delivered', at })` when an order is
 * delivered. It must also make the buyer due for re-evaluation when a delivered order leaves the
 * 12-month window (e.g. fold that instant into `reevaluateAt`), or the GMV-based tier never drops.
 */
@Injectable()
export class PlatformGmvService {
  async platformGmvUsd12m(buyerId: string, now: Date, manager?: EntityManager): Promise<number> {
    return (await this.platformGmvUsd12mMany([buyerId], now, manager)).get(buyerId) ?? 0;
  }

  /** Batch form for the expiry sweep: one query for many buyers. */
  async platformGmvUsd12mMany(buyerIds: string[], _now: Date, _manager?: EntityManager): Promise<Map<string, number>> {
    return new Map(buyerIds.map((id) => [id, 0]));
  }
}
