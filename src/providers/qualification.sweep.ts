import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { SweepsRegistry, type SweepResult } from '../common/sweeps/sweeps.registry';
import { withAdvisoryLock } from '../database/advisory-lock';
import { BookableLanesService } from './bookable-lanes.service';
import { QualificationService } from './qualification.service';

export const QUALIFICATION_SWEEP = 'qualification';

/**
 * The daily re-check (§4.3), so a lapsed licence suspends a provider with no one asking. Examines
 * every provider that has been checked and is not terminated: time alone can change any of them
 * (documents expire, points and deliveries leave their windows), and one check is a few indexed
 * reads. Never-checked providers have no documents reviewed and no lanes, so nothing to change.
 */
@Injectable()
export class QualificationSweep implements OnModuleInit {
  private readonly logger = new Logger('QualificationSweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sweeps: SweepsRegistry,
    private readonly qualification: QualificationService,
    private readonly bookable: BookableLanesService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(QUALIFICATION_SWEEP, (asOf) => this.run(asOf));
  }

  @Cron(CronExpression.EVERY_DAY_AT_1AM, { name: QUALIFICATION_SWEEP, timeZone: 'UTC' })
  async scheduled(): Promise<void> {
    const result = await this.run(this.clock.now());
    this.logger.log(`qualification sweep: ran=${result.ran} examined=${result.examined} changed=${result.changed}`);
  }

  async run(asOf: Date): Promise<SweepResult> {
    const outcome = await withAdvisoryLock(this.dataSource, `sweep:${QUALIFICATION_SWEEP}`, async (m) => {
      const rows = (await m.query(
        `SELECT id, status FROM providers WHERE checked_at IS NOT NULL AND status <> 'terminated' ORDER BY id`,
      )) as { id: string; status: string }[];
      const moved: Record<string, number> = {};
      let changed = 0;
      let warnings = 0;
      for (const row of rows) {
        const { result, statusChanged } = await this.qualification.checkIn(m, row.id, asOf);
        if (result.results.some((r) => r.outcome === 'warning')) warnings++;
        if (statusChanged) {
          changed++;
          const to = result.qualified ? 'qualified' : 'suspended';
          moved[to] = (moved[to] ?? 0) + 1;
        }
      }
      return { examined: rows.length, changed, details: { ...moved, withWarnings: warnings } };
    });
    if (!outcome.ran) return { sweep: QUALIFICATION_SWEEP, asOf, ran: false, examined: 0, changed: 0 };
    if (outcome.result.changed > 0) this.bookable.invalidate();
    return { sweep: QUALIFICATION_SWEEP, asOf, ran: true, ...outcome.result };
  }
}
