import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SweepsRegistry, type SweepRun, type SweepWork } from '../common/sweeps/sweeps.registry';
import { ProvidersRepository } from './providers.repository';
import { QualificationService } from './qualification.service';

export const QUALIFICATION_SWEEP = 'qualification';

/**
 * The daily re-check (§4.3), so a lapsed licence suspends a provider with no one asking. Examines
 * every provider that has been checked and is not terminated: time alone can change any of them
 * (documents expire, points and deliveries leave their windows), and one check is a few indexed
 * reads. Never-checked providers have no documents reviewed and no lanes, so nothing to change.
 * Each provider is checked and committed in its own transaction (its row locked only that long), so
 * a run that dies halfway leaves every provider either checked as of `asOf` or as it was; the next
 * run checks them all again, which is idempotent.
 */
@Injectable()
export class QualificationSweep implements OnModuleInit {
  constructor(
    private readonly sweeps: SweepsRegistry,
    private readonly qualification: QualificationService,
    private readonly providers: ProvidersRepository,
  ) {}

  onModuleInit(): void {
    // A status change drops this instance's market cache after its provider's commit (QualificationService).
    this.sweeps.register(QUALIFICATION_SWEEP, { run: (sweep) => this.run(sweep) });
  }

  @Cron(CronExpression.EVERY_DAY_AT_1AM, { name: QUALIFICATION_SWEEP, timeZone: 'UTC' })
  scheduled(): Promise<void> {
    return this.sweeps.runScheduled(QUALIFICATION_SWEEP);
  }

  private async run({ asOf, batch }: SweepRun): Promise<SweepWork> {
    const ids = await batch((m) => this.providers.checkedIds(m));
    const moved: Record<string, number> = {};
    let changed = 0;
    let warnings = 0;
    for (const id of ids) {
      const { result, statusChanged } = await batch((m) => this.qualification.checkIn(m, id, asOf));
      if (result.results.some((r) => r.outcome === 'warning')) warnings++;
      if (statusChanged) {
        changed++;
        const to = result.qualified ? 'qualified' : 'suspended';
        moved[to] = (moved[to] ?? 0) + 1;
      }
    }
    return { examined: ids.length, changed, details: { ...moved, withWarnings: warnings } };
  }
}
