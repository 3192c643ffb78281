import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface PlatformGmv {
  /** Whole USD of the buyer's orders delivered in the 365 days before `now` (cents summed, then floored). */
  usd: number;
  /** When the oldest of those deliveries leaves the window: the tier may drop then, so re-evaluate. */
  dropsAt: Date | null;
}

const WINDOW_DAYS = 365;

/**
 * `platformGmvUsd12m` (SPEC §3.1): the sum, in whole USD, of the buyer's orders delivered in the 365
 * days before `now`. It counts as verified evidence. Reads the `orders` table directly (one grouped
 * query), so the buyers module does not depend on the orders module; orders calls
 * `BuyerTierService.reevaluate` when an order is delivered.
 */
@Injectable()
export class PlatformGmvService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async platformGmvUsd12m(buyerId: string, now: Date, manager?: EntityManager): Promise<number> {
    return (await this.platformGmvMany([buyerId], now, manager)).get(buyerId)?.usd ?? 0;
  }

  /** Batch form for re-evaluations and the expiry sweep; `manager` is the caller's transaction. */
  async platformGmvMany(buyerIds: string[], now: Date, manager?: EntityManager): Promise<Map<string, PlatformGmv>> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT buyer_id, floor(sum(total_minor) / 100)::bigint AS usd, min(delivered_at) AS oldest
         FROM orders
        WHERE buyer_id = ANY($1::uuid[]) AND status = 'delivered'
          AND delivered_at > $2::timestamptz - make_interval(days => $3) AND delivered_at <= $2
        GROUP BY buyer_id`,
      [buyerIds, now, WINDOW_DAYS],
    )) as { buyer_id: string; usd: string; oldest: Date }[];
    const out = new Map<string, PlatformGmv>();
    for (const row of rows) {
      out.set(row.buyer_id, { usd: Number(row.usd), dropsAt: new Date(row.oldest.getTime() + WINDOW_DAYS * 86_400_000) });
    }
    return out;
  }
}
