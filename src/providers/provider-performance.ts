import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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
 * The ONE place the providers module reads points and delivery figures. Orders (§6: delivered,
 * onTime) and compliance (§7: the points ledger) own those tables; they fill this in by replacing
 * `DefaultProviderPerformanceReader` below with SQL over their tables (one grouped query for all
 * `providerIds`; use `manager` when given — it is the caller's transaction, and the embedded
 * database serialises transactions, so a second connection would wait for it forever).
 */
export abstract class ProviderPerformanceReader {
  abstract performance(providerIds: readonly string[], now: Date, manager?: EntityManager): Promise<Map<string, ProviderPerformance>>;
}

/** Until orders and compliance exist: no points, no deliveries, so every provider is "not yet rated". */
@Injectable()
export class DefaultProviderPerformanceReader extends ProviderPerformanceReader {
  async performance(providerIds: readonly string[]): Promise<Map<string, ProviderPerformance>> {
    return new Map(providerIds.map((id) => [id, { ...NO_PERFORMANCE }]));
  }
}
