import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
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

/**
 * The ONE place the providers module reads points and delivery figures: active points through the
 * ProviderPoints port (compliance's ledger, §7) and SQL over the orders of §6 (delivered, on time). Uses `manager` when given: it is the caller's
 * transaction (the embedded database serialises transactions, so another connection would wait).
 */
@Injectable()
export class ProviderPerformanceReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly points: ProviderPoints,
  ) {}

  async performance(providerIds: readonly string[], now: Date, manager?: EntityManager): Promise<Map<string, ProviderPerformance>> {
    const out = new Map<string, ProviderPerformance>(providerIds.map((id) => [id, { ...NO_PERFORMANCE }]));
    if (providerIds.length === 0) return out;
    const rows = (await (manager ?? this.dataSource.manager).query(
      `WITH ids AS (SELECT unnest($1::uuid[]) AS id),
            delivered AS (SELECT provider_id, count(*)::int AS delivered, count(*) FILTER (WHERE on_time)::int AS on_time
                            FROM orders
                           WHERE provider_id = ANY($1::uuid[]) AND status = 'delivered'
                             AND delivered_at > $2::timestamptz - make_interval(days => 90) AND delivered_at <= $2
                           GROUP BY provider_id)
       SELECT ids.id, coalesce(delivered.delivered, 0) AS delivered, coalesce(delivered.on_time, 0) AS on_time
         FROM ids LEFT JOIN delivered ON delivered.provider_id = ids.id`,
      [providerIds, now],
    )) as { id: string; delivered: number; on_time: number }[];
    // Points from their owner's port (compliance), after the delivery figures: one query at a time on the transaction's connection.
    const points = await this.points.activePointsOf(providerIds, now, manager);
    for (const r of rows) {
      out.set(r.id, { activePoints: points.get(r.id) ?? 0, delivered90d: r.delivered, onTime90d: r.on_time, late90d: r.delivered - r.on_time });
    }
    return out;
  }
}
