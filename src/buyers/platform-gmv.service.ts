import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderFigures } from '../orders/order-figures';

export interface PlatformGmv {
  /** Whole USD of the buyer's orders delivered in the 365 days before `now` (cents summed, then floored). */
  usd: number;
  /** When the oldest of those deliveries leaves the window: the tier may drop then, so re-evaluate. */
  dropsAt: Date | null;
}

const WINDOW_DAYS = 365;

/**
 * `platformGmvUsd12m` (SPEC §3.1): the sum, in whole USD, of the buyer's orders delivered in the 365
 * days before `now`. It counts as verified evidence. The delivered totals come from the orders
 * module's port (OrderFigures: one grouped query), so buyers names no orders table and does not
 * depend on the orders module; orders calls `BuyerTierService.reevaluate` when an order is delivered.
 */
@Injectable()
export class PlatformGmvService {
  constructor(private readonly orders: OrderFigures) {}

  async platformGmvUsd12m(buyerId: string, now: Date, manager?: EntityManager): Promise<number> {
    return (await this.platformGmvMany([buyerId], now, manager)).get(buyerId)?.usd ?? 0;
  }

  /** Batch form for re-evaluations and the expiry sweep; `manager` is the caller's transaction. */
  async platformGmvMany(buyerIds: string[], now: Date, manager?: EntityManager): Promise<Map<string, PlatformGmv>> {
    const totals = await this.orders.deliveredTotals(buyerIds, now, WINDOW_DAYS, manager);
    const out = new Map<string, PlatformGmv>();
    for (const [buyerId, t] of totals) {
      out.set(buyerId, {
        usd: Math.floor(t.totalMinor / 100),
        dropsAt: new Date(t.oldestDeliveredAt.getTime() + WINDOW_DAYS * 86_400_000),
      });
    }
    return out;
  }
}
