import type { EntityManager } from 'typeorm';

/**
 * What the providers module needs from the points ledger (§7), which compliance owns: each
 * provider's active points at `now`. An abstract class, so qualification (§4.3) and the scorecard
 * (§4.5) depend on this narrow port and not on compliance (which depends on providers); compliance
 * binds it (compliance-ports.module.ts). `manager` is the caller's transaction when it has one.
 */
export abstract class ProviderPoints {
  abstract activePointsOf(providerIds: readonly string[], now: Date, manager?: EntityManager): Promise<Map<string, number>>;
}
