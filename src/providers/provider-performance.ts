import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { OrderFigures } from '../orders/order-figures';

/** The figures qualification (§4.3) and the scorecard (§4.5) need about a provider, as of `now`. */
export interface ProviderPerformance {
  /** Sum of unexpired violation points (§7). */
  activePoints: number;
  /** Orders delivered in the 90 days before `now`, and how many of them on time / late. */
  delivered90d: number;
  onTime90d: number;
  late90d: number;
}

export const NO_PERFORMANCE: ProviderPerformance = Object.freeze({ activePoints: 0, delivered90d: 0, onTime90d: 0, late90d: 0 });

/** §4.5: the scorecard's delivery figures cover the 90 days before `now`. */
const DELIVERY_WINDOW_DAYS = 90;

/**
 * The ONE place the providers module reads points and delivery figures: the points by SQL over the
 * ledger of compliance (`violations`, §7), the deliveries through the orders module's port
 * (OrderFigures), so providers names no orders table. Uses `manager` when given: it is the caller's
 * transaction (the embedded database serialises transactions, so another connection would wait).
 */
@Injectable()
export class ProviderPerformanceReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrderFigures,
  ) {}

  async performance(providerIds: readonly string[], now: Date, manager?: EntityManager): Promise<Map<string, ProviderPerformance>> {
    const out = new Map<string, ProviderPerformance>(providerIds.map((id) => [id, { ...NO_PERFORMANCE }]));
    if (providerIds.length === 0) return out;
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT provider_id AS id, sum(points)::int AS active FROM violations
        WHERE provider_id = ANY($1::uuid[]) AND expires_at > $2 GROUP BY provider_id`,
      [providerIds, now],
    )) as { id: string; active: number }[];
    for (const r of rows) out.get(r.id)!.activePoints = r.active;
    const deliveries = await this.orders.deliveries(providerIds, now, DELIVERY_WINDOW_DAYS, manager);
    for (const [id, d] of deliveries) {
      const p = out.get(id);
      if (p) Object.assign(p, { delivered90d: d.delivered, onTime90d: d.onTime, late90d: d.delivered - d.onTime });
    }
    return out;
  }
}
