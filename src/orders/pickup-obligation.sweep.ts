import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { SweepsRegistry, type SweepResult } from '../common/sweeps/sweeps.registry';
import { withAdvisoryLock } from '../database/advisory-lock';
import { returnedRows } from '../database/sql';
import { ComplianceService } from '../compliance/compliance.service';
import { pickupBreach, remedyPoints } from './guarantee';

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
 */
@Injectable()
export class PickupObligationSweep implements OnModuleInit {
  private readonly logger = new Logger('PickupObligationSweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly sweeps: SweepsRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.sweeps.register('pickup-obligation', (asOf) => this.run(asOf));
  }

  @Cron('5 * * * *', { name: 'pickup-obligation' })
  async scheduled(): Promise<void> {
    const result = await this.run(this.clock.now()).catch((error: Error) => this.logger.error(error.message));
    if (result && result.changed > 0) this.logger.log(`assessed ${result.examined} orders, ${result.changed} breaches`);
  }

  async run(asOf: Date): Promise<SweepResult> {
    const asOfDate = asOf.toISOString().slice(0, 10);
    const outcome = await withAdvisoryLock(this.dataSource, 'sweep:pickup-obligation', async (m) => {
      // pickupBy has ended ⇔ pickup_by < the UTC date of asOf.
      const candidates = returnedRows<Candidate>(
        await m.query(
          `UPDATE orders SET pickup_assessed_at = $2
            WHERE pickup_assessed_at IS NULL AND status <> 'cancelled' AND pickup_by < $1::date
        RETURNING id, provider_id, to_char(pickup_by, 'YYYY-MM-DD') AS pickup_by, picked_up_at, remedy_submitted_at`,
          [asOfDate, asOf],
        ),
      );
      let breaches = 0;
      for (const order of candidates) {
        if (!pickupBreach(order.pickup_by, asOf, order.picked_up_at)) continue;
        const { code } = remedyPoints(order.remedy_submitted_at, order.pickup_by);
        if (await this.compliance.record(m, { providerId: order.provider_id, code, orderId: order.id }, asOf)) breaches++;
      }
      return { examined: candidates.length, breaches };
    });
    if (outcome.ran && outcome.result.breaches > 0) this.compliance.afterCommit();
    return {
      sweep: 'pickup-obligation',
      asOf,
      ran: outcome.ran,
      examined: outcome.ran ? outcome.result.examined : 0,
      changed: outcome.ran ? outcome.result.breaches : 0,
    };
  }
}
