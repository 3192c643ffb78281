import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SWEEP_BATCH_SIZE, SweepsRegistry, type SweepRun, type SweepWork } from '../common/sweeps/sweeps.registry';
import { utcDate } from '../common/calendar';
import { returnedRows } from '../database/sql';
import { ComplianceService } from '../compliance/compliance.service';
import { pickupBreach, remedyPoints } from './guarantee';

export const PICKUP_OBLIGATION_SWEEP = 'pickup-obligation';

interface Candidate {
  id: string;
  provider_id: string;
  pickup_by: string;
  picked_up_at: Date | null;
  remedy_submitted_at: Date | null;
}

/**
 * The `pickup-obligation` sweep (SPEC §6.5): every order whose pickupBy date has ended is assessed
 * exactly once — the conditional UPDATE of `pickup_assessed_at` claims it, the advisory lock keeps
 * two instances from sweeping together, and the ledger's unique (order, code) is the last guard.
 * Orders are claimed and assessed 500 at a time, claim and points in one transaction, so a run that
 * dies halfway leaves the unclaimed orders for the next run.
 */
@Injectable()
export class PickupObligationSweep implements OnModuleInit {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly sweeps: SweepsRegistry,
  ) {}

  onModuleInit(): void {
    this.sweeps.register(PICKUP_OBLIGATION_SWEEP, {
      run: (sweep) => this.run(sweep),
      afterRun: (changed) => {
        if (changed) this.compliance.afterCommit();
      },
    });
  }

  @Cron('5 * * * *', { name: PICKUP_OBLIGATION_SWEEP })
  scheduled(): Promise<void> {
    return this.sweeps.runScheduled(PICKUP_OBLIGATION_SWEEP);
  }

  private async run({ asOf, batch }: SweepRun): Promise<SweepWork> {
    let examined = 0;
    let breaches = 0;
    for (;;) {
      const claimed = await batch(async (m) => {
        // pickupBy has ended ⇔ pickup_by < the UTC date of asOf.
        const candidates = returnedRows<Candidate>(
          await m.query(
            `UPDATE orders SET pickup_assessed_at = $2
              WHERE id IN (SELECT id FROM orders
                            WHERE pickup_assessed_at IS NULL AND status <> 'cancelled' AND pickup_by < $1::date
                            ORDER BY id LIMIT $3 FOR UPDATE)
          RETURNING id, provider_id, to_char(pickup_by, 'YYYY-MM-DD') AS pickup_by, picked_up_at, remedy_submitted_at`,
            [utcDate(asOf), asOf, SWEEP_BATCH_SIZE],
          ),
        );
        for (const order of candidates) {
          if (!pickupBreach(order.pickup_by, asOf, order.picked_up_at)) continue;
          const { code } = remedyPoints(order.remedy_submitted_at, order.pickup_by);
          if (await this.compliance.record(m, { providerId: order.provider_id, code, orderId: order.id }, asOf)) breaches++;
        }
        return candidates.length;
      });
      examined += claimed;
      if (claimed < SWEEP_BATCH_SIZE) break;
    }
    return { examined, changed: breaches };
  }
}
