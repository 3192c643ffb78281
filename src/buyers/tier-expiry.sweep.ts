import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { SweepsRegistry, type SweepResult } from '../common/sweeps/sweeps.registry';
import { withAdvisoryLock } from '../database/advisory-lock';
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
  private readonly logger = new Logger('TierExpirySweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sweeps: SweepsRegistry,
    private readonly repo: BuyersRepository,
    private readonly tiers: BuyerTierService,
    private readonly policies: TierPolicyService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(TIER_EXPIRY_SWEEP, (asOf) => this.run(asOf));
  }

  @Interval(TIER_EXPIRY_SWEEP, TIER_EXPIRY_INTERVAL_MS)
  async scheduled(): Promise<void> {
    try {
      const result = await this.run(this.clock.now());
      if (result.changed > 0) this.logger.log(`tier-expiry: ${result.changed} of ${result.examined} buyers changed tier`);
    } catch (error) {
      this.logger.error(`tier-expiry failed: ${(error as Error).message}`);
    }
  }

  async run(asOf: Date): Promise<SweepResult> {
    const outcome = await withAdvisoryLock(this.dataSource, `sweep:${TIER_EXPIRY_SWEEP}`, async (m) => {
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
        const r = await this.tiers.refreshStale(m, older, asOf);
        add(r);
        policyMigrated += older.length;
      }
      return { examined, changed, details: { policyVersion: policy.version, movedToPolicy: policyMigrated } };
    });
    if (!outcome.ran) return { sweep: TIER_EXPIRY_SWEEP, asOf, ran: false, examined: 0, changed: 0 };
    return { sweep: TIER_EXPIRY_SWEEP, asOf, ran: true, ...outcome.result };
  }
}
