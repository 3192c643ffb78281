import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SWEEP_BATCH_SIZE, SweepsRegistry, type SweepRun, type SweepWork } from '../common/sweeps/sweeps.registry';
import { BuyerTierService } from './buyer-tier.service';
import { BuyersRepository } from './buyers.repository';
import { TierPolicyService } from './tier-policy.service';

export const TIER_EXPIRY_SWEEP = 'tier-expiry';
/** Scheduled every 5 minutes; reads of a tier refresh a stale snapshot at once, so this only bounds lag in lists. */
export const TIER_EXPIRY_INTERVAL_MS = 5 * 60_000;
/** Buyers moved to a newly published policy per run, so one run stays short even with many buyers. */
const POLICY_MIGRATION_PER_RUN = 10_000;

/**
 * `tier-expiry` (SPEC §3.3): re-evaluates the buyers whose snapshot went stale by `asOf` — evidence
 * expired, or a new year raised the business age — found through the partial index on
 * buyers.reevaluate_at, so a run costs in proportion to what expired, not to the number of buyers.
 * It also moves up to 10,000 buyers per run onto a newly published policy version. One instance at a
 * time (advisory lock); each batch of 500 buyers commits on its own, so the API keeps answering during
 * a long run and a run that dies halfway leaves the rest due (`reevaluate_at <= asOf`) for the next.
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
    this.sweeps.register(TIER_EXPIRY_SWEEP, { run: (sweep) => this.run(sweep) });
  }

  @Interval(TIER_EXPIRY_SWEEP, TIER_EXPIRY_INTERVAL_MS)
  scheduled(): Promise<void> {
    return this.sweeps.runScheduled(TIER_EXPIRY_SWEEP);
  }

  private async run({ asOf, batch }: SweepRun): Promise<SweepWork> {
    let examined = 0;
    let changed = 0;
    let policyMigrated = 0;
    const add = (r: { examined: number; changed: number }) => {
      examined += r.examined;
      changed += r.changed;
    };
    // Each refreshed buyer's reevaluate_at moves past asOf, so the loop ends; the cap guards it anyway.
    for (let round = 0; round < 20_000; round++) {
      const done = await batch(async (m) => {
        const due = await this.repo.dueForReevaluation(m, asOf, SWEEP_BATCH_SIZE);
        if (due.length > 0) add(await this.tiers.refreshStale(m, due, asOf));
        return due.length === 0;
      });
      if (done) break;
    }
    const policy = await batch((m) => this.policies.latest(m));
    while (policyMigrated < POLICY_MIGRATION_PER_RUN) {
      const moved = await batch(async (m) => {
        const older = await this.repo.onOlderPolicy(m, policy.version, SWEEP_BATCH_SIZE);
        if (older.length > 0) add(await this.tiers.refreshStale(m, older, asOf));
        return older.length;
      });
      if (moved === 0) break;
      policyMigrated += moved;
    }
    return { examined, changed, details: { policyVersion: policy.version, movedToPolicy: policyMigrated } };
  }
}
