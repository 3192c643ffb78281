import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import { SweepsRegistry, type SweepWork } from '../common/sweeps/sweeps.registry';
import { BuyerTierService } from './buyer-tier.service';
import { BuyersRepository } from './buyers.repository';
import { TierPolicyService } from './tier-policy.service';

export const TIER_EXPIRY_SWEEP = 'tier-expiry';
/** Scheduled every 5 minutes; reads of a tier refresh a stale snapshot at once, so this only bounds lag in lists. */
export const TIER_EXPIRY_INTERVAL_MS = 5 * 60_000;
const BATCH = 1_000;
/** Buyers moved to a newly published policy per run, so one run stays short even with many buyers. */
const POLICY_MIGRATION_PER_RUN = 10_000;

/**
 * `tier-expiry` (SPEC §3.3): re-evaluates the buyers whose snapshot went stale by `asOf` — evidence
 * expired, or a new year raised the business age — found through the partial index on
 * buyers.reevaluate_at, so a run costs in proportion to what expired, not to the number of buyers.
 * It also moves up to 10,000 buyers per run onto a newly published policy version. One instance at a
 * time (transaction-scoped advisory lock).
 */
@Injectable()
export class TierExpirySweep implements OnModuleInit {
  constructor(
    private readonly sweeps: SweepsRegistry,
    private readonly repo: BuyersRepository,
    private readonly tiers: BuyerTierService,
    private readonly policies: TierPolicyService,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(TIER_EXPIRY_SWEEP, { run: (m, asOf) => this.run(m, asOf) });
  }

  @Interval(TIER_EXPIRY_SWEEP, TIER_EXPIRY_INTERVAL_MS)
  scheduled(): Promise<void> {
    return this.sweeps.runScheduled(TIER_EXPIRY_SWEEP);
  }

  private async run(m: EntityManager, asOf: Date): Promise<SweepWork> {
    let examined = 0;
    let changed = 0;
    let policyMigrated = 0;
    const add = (r: { examined: number; changed: number }) => {
      examined += r.examined;
      changed += r.changed;
    };
    // Each refreshed buyer's reevaluate_at moves past asOf, so the loop ends; the cap guards it anyway.
    for (let round = 0; round < 10_000; round++) {
      const due = await this.repo.dueForReevaluation(m, asOf, BATCH);
      if (due.length === 0) break;
      add(await this.tiers.refreshStale(m, due, asOf));
    }
    const policy = await this.policies.latest(m);
    while (policyMigrated < POLICY_MIGRATION_PER_RUN) {
      const older = await this.repo.onOlderPolicy(m, policy.version, BATCH);
      if (older.length === 0) break;
      add(await this.tiers.refreshStale(m, older, asOf));
      policyMigrated += older.length;
    }
    return { examined, changed, details: { policyVersion: policy.version, movedToPolicy: policyMigrated } };
  }
}
