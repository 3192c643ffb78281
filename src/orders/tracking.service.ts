import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import { ComplianceService } from '../compliance/compliance.service';
import { BuyerLink } from './buyer-link';
import { creditsRepository } from './credits.repository';
import type { OrderDto, OrderEventInputDto, RemedyDto } from './dto/order.dto';
import { creditExpiry, isOnTime, lateCreditMinor, validateRemedy } from './guarantee';
import { transition, validateOccurredAt, type TrackingEvent } from './order-lifecycle';
import { ordersRepository as repo, type OrderRow } from './orders.repository';
import { invalidTransition, isParty, OrdersService } from './orders.service';

/**
 * Provider events (§6.2) and what a delivery or a loss sets off: the on-time judgement and, if
 * late, a point and (L3/L4) the automatic credit (§6.3); a loss costs 2 points (§7). All in the
 * event's transaction; the buyer's tier is re-evaluated after it (its GMV changed).
 */
@Injectable()
export class TrackingService {
  private readonly late: Counter<never>;
  private readonly credits: Counter<'reason'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly compliance: ComplianceService,
    private readonly buyers: BuyerLink,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.late = metrics.counter('late_deliveries_total', 'Orders delivered after guaranteedBy');
    this.credits = metrics.counter('credits_issued_total', 'Credits issued to buyers, by reason', ['reason']);
  }

  async post(principal: Principal, id: string, event: OrderEventInputDto): Promise<OrderDto> {
    const now = this.clock.now();
    const occurredAt = new Date(event.occurredAt);
    const entry = { type: event.type, occurredAt, location: event.location, recordedAt: now, recordedBy: principal.role };

    // A pickup or a checkpoint changes nothing else: one conditional statement, no lock. If another
    // request changed the order meanwhile, the locked path below decides.
    if (!CONSEQUENTIAL.has(event.type)) {
      const order = await repo.find(this.dataSource.manager, id);
      if (!order || !isParty(principal, order)) throw new NotFoundError('Order');
      const set = planEvent(order, event.type, occurredAt, now);
      const expected = { status: order.status, lastEventAt: order.last_event_at };
      const written = await this.dataSource.transaction(async (m) => {
        if (!(await repo.updateWithEvent(m, id, set, entry, expected))) return false;
        await this.orders.recordOrderEvent(m, `order.${event.type}`, id);
        return true;
      });
      if (written) return this.orders.get(principal, id);
    }

    let points = false;
    await this.dataSource.transaction(async (m) => {
      const order = await this.orders.lockOwn(m, principal, id);
      const set = planEvent(order, event.type, occurredAt, now);
      await repo.updateWithEvent(m, id, set, entry);
      if (event.type === 'delivered' && set.on_time === false) points = await this.onLate(m, order, now);
      if (event.type === 'lost') points = !!(await this.compliance.record(m, { providerId: order.provider_id, code: 'shipment_lost', orderId: id }, now));
      // The delivery counts in the buyer's platform GMV (§3.1) at once.
      if (event.type === 'delivered') await this.buyers.reevaluateAfterDelivery(m, order.buyer_id, id, occurredAt > now ? occurredAt : now);
      await this.orders.recordOrderEvent(m, `order.${event.type}`, id);
    });
    if (points) this.compliance.afterCommit();
    return this.orders.get(principal, id);
  }

  /** `POST /v1/orders/{id}/remedy`: before the pickupBy date ends, one per order (§6.5). */
  async remedy(principal: Principal, id: string, body: RemedyDto): Promise<OrderDto> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const order = await this.orders.lockOwn(m, principal, id);
      if (order.status !== 'booked') throw invalidTransition(order.status, 'a remedy');
      if (order.remedy_pickup_by) throw new ConflictError('remedy_exists', 'This order already has a remedy.');
      const check = validateRemedy(body.newPickupBy, order.pickup_by, now);
      if (!check.ok) throw new ConflictError(check.code, check.message);
      await repo.update(m, id, { remedy_pickup_by: body.newPickupBy, remedy_submitted_at: now });
      await repo.addEvent(m, { orderId: id, type: 'remedy', occurredAt: now, note: `pickup promised by ${body.newPickupBy}`, recordedAt: now, recordedBy: 'provider' });
      await this.orders.recordOrderEvent(m, 'order.remedy_submitted', id);
    });
    return this.orders.get(principal, id);
  }

  private async onLate(m: EntityManager, order: OrderRow, now: Date): Promise<boolean> {
    this.late.inc();
    const recorded = await this.compliance.record(m, { providerId: order.provider_id, code: 'late_delivery', orderId: order.id }, now);
    if (order.automatic_compensation) {
      const creditId = randomUUID();
      const issued = await creditsRepository.insert(m, {
        id: creditId,
        buyerId: order.buyer_id,
        orderId: order.id,
        claimId: null,
        amountMinor: lateCreditMinor(Number(order.total_minor)),
        reason: 'late_delivery',
        issuedAt: now,
        expiresAt: creditExpiry(now),
      });
      if (issued) this.credits.inc({ reason: 'late_delivery' });
      if (issued) await this.orders.recordCredits(m, 'credit.issued', [creditId], now);
    }
    return !!recorded;
  }
}

/** Events that set off more than a status change: lateness, credits, points, the buyer's GMV. */
const CONSEQUENTIAL = new Set<TrackingEvent>(['delivered', 'lost']);

/** The lifecycle's checks (§6.2) and the columns an event sets. */
function planEvent(order: OrderRow, type: TrackingEvent, occurredAt: Date, now: Date): Record<string, unknown> {
  const next = transition(order.status, type);
  if (!next.ok) throw invalidTransition(order.status, `a ${type} event`);
  const problem = validateOccurredAt(occurredAt, order.booked_at, now, order.last_event_at);
  if (problem) throw new InvalidInputError(problem, [{ field: 'occurredAt', message: problem }], 'invalid_occurred_at');
  const set: Record<string, unknown> = { status: next.next, last_event_at: occurredAt };
  if (type === 'picked_up') set.picked_up_at = occurredAt;
  if (type === 'lost') set.lost_at = occurredAt;
  if (type === 'delivered') {
    set.delivered_at = occurredAt;
    set.on_time = isOnTime(occurredAt, order.guaranteed_by);
  }
  return set;
}
