import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SWEEP_BATCH_SIZE, SweepsRegistry, type SweepRun, type SweepWork } from '../common/sweeps/sweeps.registry';
import { utcDate } from '../common/calendar';
import { ComplianceService } from '../compliance/compliance.service';
import { pickupBreach, remedyPoints } from './guarantee';
import { OrdersRepository } from './orders.repository';

export const PICKUP_OBLIGATION_SWEEP = 'pickup-obligation';

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
    private readonly orders: OrdersRepository,
    private readonly sweeps: SweepsRegistry,
  ) {}

  onModuleInit(): void {
    // A recorded point registers the market cache's invalidation on its batch's transaction.
    this.sweeps.register(PICKUP_OBLIGATION_SWEEP, { run: (sweep) => this.run(sweep) });
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
        const candidates = await this.orders.claimForPickupAssessment(utcDate(asOf), asOf, SWEEP_BATCH_SIZE);
        for (const order of candidates) {
          if (!pickupBreach(order.pickupBy, asOf, order.pickedUpAt)) continue;
          const { code } = remedyPoints(order.remedySubmittedAt, order.pickupBy);
          if (await this.compliance.record(m, { providerId: order.providerId, code, orderId: order.id }, asOf)) breaches++;
        }
        return candidates.length;
      });
      examined += claimed;
      if (claimed < SWEEP_BATCH_SIZE) break;
    }
    return { examined, changed: breaches };
  }
}
