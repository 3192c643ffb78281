import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderFigures } from '../orders/order-figures';
import { ProviderPoints } from './provider-points';

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
 * The ONE place the providers module reads points and delivery figures: active points through the
 * ProviderPoints port (compliance's ledger, §7), the deliveries through the orders module's port
 * (OrderFigures), so providers names neither table. Uses `manager` when given: it is the caller's
 * transaction (the embedded database serialises transactions, so another connection would wait).
 */
@Injectable()
export class ProviderPerformanceReader {
  constructor(
    private readonly points: ProviderPoints,
    private readonly orders: OrderFigures,
  ) {}

  async performance(providerIds: readonly string[], now: Date, manager?: EntityManager): Promise<Map<string, ProviderPerformance>> {
    const out = new Map<string, ProviderPerformance>(providerIds.map((id) => [id, { ...NO_PERFORMANCE }]));
    if (providerIds.length === 0) return out;
    // One query at a time: both may run on the caller's transaction's connection.
    const points = await this.points.activePointsOf(providerIds, now, manager);
    const deliveries = await this.orders.deliveries(providerIds, now, DELIVERY_WINDOW_DAYS, manager);
    for (const [id, p] of out) {
      const d = deliveries.get(id);
      p.activePoints = points.get(id) ?? 0;
      if (d) Object.assign(p, { delivered90d: d.delivered, onTime90d: d.onTime, late90d: d.delivered - d.onTime });
    }
    return out;
  }
}
