import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SweepsRegistry, SWEEP_BATCH_SIZE, type SweepRun, type SweepWork } from '../common/sweeps/sweeps.registry';
import { EventsRepository } from './events.repository';

export const EVENTS_RETENTION_SWEEP = 'events-retention';
/** Events are kept at least 30 days (SPEC §11); older ones are purged with their delivery attempts. */
export const EVENT_RETENTION_MS = 30 * 86_400_000;

/** Hourly at :15, and `POST /v1/admin/sweeps/events-retention`; each batch of 500 commits on its own. */
@Injectable()
export class EventsRetentionSweep implements OnModuleInit {
  constructor(
    private readonly sweeps: SweepsRegistry,
    private readonly events: EventsRepository,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(EVENTS_RETENTION_SWEEP, { run: (sweep) => this.run(sweep) });
  }

  @Cron('15 * * * *', { name: EVENTS_RETENTION_SWEEP })
  scheduled(): Promise<void> {
    return this.sweeps.runScheduled(EVENTS_RETENTION_SWEEP);
  }

  private async run({ asOf, batch }: SweepRun): Promise<SweepWork> {
    const before = new Date(asOf.getTime() - EVENT_RETENTION_MS);
    let purged = 0;
    for (;;) {
      const n = await batch(() => this.events.purge(before, SWEEP_BATCH_SIZE));
      purged += n;
      if (n < SWEEP_BATCH_SIZE) break;
    }
    return { examined: purged, changed: purged, details: { before: before.toISOString() } };
  }
}
