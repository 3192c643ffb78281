import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../common/metrics/metrics.service';
import { ComplianceService } from '../compliance/compliance.service';
import { TransactionContext } from '../database/transaction-context';
import { BuyerLink } from './buyer-link';
import { CreditsRepository } from './credits.repository';
import { OrderEvents } from './order-events';
import { creditExpiry, lateCreditMinor } from './guarantee';
import type { OrderStatus } from './order-lifecycle';
import { consequencesOf, type Consequence, type EntryContext } from './order-process';
import type { OrderEntity } from './order.entity';

/** The order entering the state, and when: `at` is the instant its consequences are dated. */
export interface Entry {
  order: OrderEntity;
  context: EntryContext;
  at: Date;
  /** A reason given by whoever moved the order (a cancel's note on the point). */
  note?: string | null;
  /** When the event happened (a delivery's re-evaluation is dated no earlier). */
  occurredAt?: Date;
}

/**
 * Carries out the consequences of entering a state (`ON_ENTER` in order-process.ts), inside the
 * caller's transaction, so a state change and all it sets off commit together. What must wait for
 * the commit (the market cache after a point) is registered on the transaction by whoever does it.
 */
@Injectable()
export class OrderTransitions {
  private readonly late: Counter<never>;
  private readonly credits: Counter<'reason'>;

  constructor(
    private readonly tx: TransactionContext,
    private readonly compliance: ComplianceService,
    private readonly buyers: BuyerLink,
    private readonly creditsRepo: CreditsRepository,
    private readonly events: OrderEvents,
    metrics: MetricsService,
  ) {
    this.late = metrics.counter('late_deliveries_total', 'Orders delivered after guaranteedBy');
    this.credits = metrics.counter('credits_issued_total', 'Credits issued to buyers, by reason', ['reason']);
  }

  async enter(state: OrderStatus, entry: Entry): Promise<void> {
    for (const consequence of consequencesOf(state, entry.context)) await this.carryOut(consequence, entry);
  }

  private async carryOut(consequence: Consequence, { order, at, note, occurredAt }: Entry): Promise<void> {
    const m = this.tx.manager;
    switch (consequence) {
      case 'late_point':
        this.late.inc();
        await this.compliance.record(m, { providerId: order.providerId, code: 'late_delivery', orderId: order.id }, at);
        return;
      case 'late_credit': {
        const id = randomUUID();
        const issued = await this.creditsRepo.insert({
          id,
          buyerId: order.buyerId,
          orderId: order.id,
          claimId: null,
          amountMinor: lateCreditMinor(order.totalMinor),
          reason: 'late_delivery',
          issuedAt: at,
          expiresAt: creditExpiry(at),
        });
        if (issued) {
          this.credits.inc({ reason: 'late_delivery' });
          await this.events.credits('credit.issued', [id], at);
        }
        return;
      }
      case 'reevaluate_tier':
        // The delivery counts in the buyer's platform GMV (§3.1) at once.
        await this.buyers.reevaluateAfterDelivery(m, order.buyerId, order.id, occurredAt && occurredAt > at ? occurredAt : at);
        return;
      case 'loss_point':
        await this.compliance.record(m, { providerId: order.providerId, code: 'shipment_lost', orderId: order.id }, at);
        return;
      case 'restore_credits':
        await this.events.credits('credit.restored', await this.creditsRepo.restore(order.id, at), at);
        return;
      case 'provider_cancel_point':
        await this.compliance.record(m, { providerId: order.providerId, code: 'provider_cancelled', orderId: order.id, note }, at);
        return;
    }
  }
}
