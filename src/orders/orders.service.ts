import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { canAccess, type Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import { decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { ComplianceService } from '../compliance/compliance.service';
import { TransactionContext } from '../database/transaction-context';
import { EventLog } from '../events/event-log';
import type { EventType } from '../events/event-types';
import { isListed, type ProviderStatus } from '../providers/qualification';
import { normalizePostcode } from '../quotes/pricing';
import { BuyerLink } from './buyer-link';
import type { CreateOrderDto, ListOrdersQueryDto, OrderDto } from './dto/order.dto';
import { transition } from './order-lifecycle';
import { allocateCredits } from './credit-allocation';
import { ordersRepository as repo, toOrderDto, type OrderRow } from './orders.repository';
import { redemptionsRepository as redemptions } from './redemptions.repository';
import { creditsRepository, toCreditDto } from './credits.repository';
import './orders.errors';

/** Booking (paid by credits on request), reading and cancelling orders (SPEC §6.1, §6.2, §6.6). */
@Injectable()
export class OrdersService {
  private readonly booked: Counter<never>;

  constructor(
    private readonly tx: TransactionContext,
    private readonly compliance: ComplianceService,
    private readonly buyers: BuyerLink,
    private readonly clock: Clock,
    metrics: MetricsService,
    private readonly events: EventLog,
  ) {
    this.booked = metrics.counter('orders_booked_total', 'Orders booked');
  }

  /**
   * Reads and checks the option, then writes the order and its `booked` event in one statement: the
   * unique quote_id decides between racing bookings, on any number of instances. Runs in the
   * request's transaction (the Idempotency-Key's, SPEC §1), so what else a booking writes joins it.
   */
  async book(buyerId: string, body: CreateOrderDto): Promise<OrderDto> {
    return this.tx.run((m) => this.bookIn(m, buyerId, body));
  }

  private async bookIn(m: EntityManager, buyerId: string, body: CreateOrderDto): Promise<OrderDto> {
    const now = this.clock.now();
    const terms = await this.buyers.termsAtBooking(buyerId);
    const option = await repo.optionForBooking(m, body.quoteOptionId);
    if (!option || option.buyer_id !== buyerId) throw new NotFoundError('Quote option');
    if (option.expires_at <= now) throw new ConflictError('quote_expired', `The quote expired at ${option.expires_at.toISOString()}.`);
    const destination = option.request.destination;
    const address = body.consignee.address;
    if (address.country !== destination.country || normalizePostcode(address.postcode) !== normalizePostcode(destination.postcode)) {
      throw new BusinessRuleError('address_mismatch', `The consignee must be in ${destination.country} ${destination.postcode}, as quoted.`, [
        { field: 'consignee.address', message: `must have country ${destination.country} and postcode ${destination.postcode}` },
      ]);
    }
    const listed = isListed({ status: option.provider_status as ProviderStatus, restrictedUntil: option.restricted_until }, now);
    if (!listed || !option.lane_active) throw new ConflictError('provider_unavailable', 'The provider or lane is no longer bookable.');

    const dto: OrderDto = {
      id: randomUUID(),
      quoteId: option.quote_id,
      quoteOptionId: option.option_id,
      buyerId,
      providerId: option.provider_id,
      laneId: option.lane_id,
      status: 'booked',
      totalMinor: Number(option.total_minor),
      currency: option.currency,
      declaredValueMinor: option.request.declaredValue.amountMinor,
      creditAppliedMinor: 0,
      payableMinor: Number(option.total_minor),
      credits: [],
      pickupBy: option.pickup_by,
      guaranteedBy: option.guaranteed_by,
      remedyPickupBy: null,
      tierAtBooking: terms.tier,
      automaticCompensation: terms.automaticCompensation,
      shipper: body.shipper,
      consignee: body.consignee,
      bookedAt: now,
      pickedUpAt: null,
      deliveredAt: null,
      onTime: null,
      cancelledAt: null,
      cancelledBy: null,
      events: [{ type: 'booked', occurredAt: now, location: null, note: null }],
    };
    // Writes the order and its `booked` event (at bookedAt, by the buyer) in one statement.
    if (!(await repo.insert(m, dto))) throw new ConflictError('quote_already_booked', 'This quote already has an order.');
    if (body.applyCredits === true) await this.payWithCredits(m, dto, now);
    await this.events.record(m, 'order.booked', dto, { buyerId, providerId: dto.providerId });
    this.booked.inc();
    return dto;
  }

  /**
   * Spends the buyer's credits on the order just inserted (SPEC §6.6), in the booking's transaction.
   * After the order's insert, so a booking that loses its quote to another never touches credits.
   */
  private async payWithCredits(m: EntityManager, dto: OrderDto, now: Date): Promise<void> {
    const spendable = await redemptions.lockSpendable(m, dto.buyerId, now);
    const { uses, appliedMinor } = allocateCredits(spendable, dto.totalMinor, now);
    if (uses.length === 0) return;
    const note = `${appliedMinor} of ${dto.totalMinor} cents paid by ${uses.length} credit${uses.length > 1 ? 's' : ''}`;
    // Unreachable while the credits are locked; if it happens the transaction rolls back and nothing is spent.
    if ((await redemptions.redeem(m, dto.id, uses, now, note)) !== uses.length) throw new Error('a locked credit refused its redemption');
    dto.creditAppliedMinor = appliedMinor;
    dto.payableMinor = dto.totalMinor - appliedMinor;
    dto.credits = uses.map((u) => ({ ...u, restoredAt: null }));
    dto.events.push({ type: 'credits_applied', occurredAt: now, location: null, note });
    await this.recordCredits(m, 'credit.spent', uses.map((u) => u.creditId), now);
  }

  /** Records the order's event with the order after the change (SPEC §11), in the change's transaction. */
  async recordOrderEvent(m: EntityManager, type: EventType, id: string): Promise<void> {
    const found = (await repo.findWithEvents(m, id))!;
    await this.events.record(m, type, toOrderDto(found.row, found.events, found.credits), { buyerId: found.row.buyer_id, providerId: found.row.provider_id });
  }

  /** Records one event per credit, each with the credit after the change. */
  async recordCredits(m: EntityManager, type: 'credit.issued' | 'credit.spent' | 'credit.restored', ids: string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    const credits = await creditsRepository.byIds(m, ids);
    await this.events.recordMany(m, credits.map((c) => ({ type, object: toCreditDto(c, now), buyerId: c.buyer_id })));
  }

  async get(principal: Principal, id: string): Promise<OrderDto> {
    const found = await repo.findWithEvents(this.tx.manager, id);
    if (!found || !isParty(principal, found.row)) throw new NotFoundError('Order');
    return toOrderDto(found.row, found.events, found.credits);
  }

  /** Buyers see their orders, providers the orders assigned to them, admins all; newest first. */
  async list(principal: Principal, query: ListOrdersQueryDto): Promise<Page<OrderDto>> {
    const limit = query.limit ?? 50;
    const filter = {
      status: query.status,
      buyerId: principal.role === 'buyer' ? principal.subjectId! : undefined,
      providerId: principal.role === 'provider' ? principal.subjectId! : undefined,
    };
    const rows = await repo.page(this.tx.manager, filter, decodeCursor(query.cursor), limit);
    const ids = rows.slice(0, limit).map((r) => r.id);
    const events = await repo.events(this.tx.manager, ids);
    const credits = await redemptions.ofOrders(this.tx.manager, ids);
    return toPage(rows, limit, (r) => ({ key: r.booked_at.toISOString(), id: r.id }), (r) => toOrderDto(r, events.get(r.id)!, credits.get(r.id)!));
  }

  /**
   * Before pickup only. A buyer cancels without penalty; a provider cancelling costs 4 points (§7).
   * Either way the credits the order used go back to where they came from (§6.6).
   */
  async cancel(principal: Principal, id: string, reason: string | undefined): Promise<OrderDto> {
    const now = this.clock.now();
    const party = principal.role === 'provider' ? 'provider' : 'buyer';
    await this.tx.run(async (m) => {
      const row = await this.lockOwn(m, principal, id);
      if (!transition(row.status, 'cancelled').ok) throw invalidTransition(row.status, 'cancel');
      await repo.update(m, id, { status: 'cancelled', cancelled_at: now, cancelled_by: party, last_event_at: now });
      await repo.addEvent(m, { orderId: id, type: 'cancelled', occurredAt: now, note: reason ?? null, recordedAt: now, recordedBy: party });
      if (Number(row.credit_applied_minor) > 0) await this.recordCredits(m, 'credit.restored', await redemptions.restore(m, id, now), now);
      if (party === 'provider') await this.compliance.record(m, { providerId: row.provider_id, code: 'provider_cancelled', orderId: id, note: reason }, now);
      await this.recordOrderEvent(m, 'order.cancelled', id);
    });
    if (party === 'provider') this.compliance.afterCommit();
    return this.get(principal, id);
  }

  /** Locks the order for a state change by one of its parties (anyone else: 404). */
  async lockOwn(m: EntityManager, principal: Principal, id: string): Promise<OrderRow> {
    const row = await repo.find(m, id, true);
    if (!row || !isParty(principal, row)) throw new NotFoundError('Order');
    return row;
  }
}

export function isParty(principal: Principal, row: Pick<OrderRow, 'buyer_id' | 'provider_id'>): boolean {
  return canAccess(principal, 'buyer', row.buyer_id) || canAccess(principal, 'provider', row.provider_id);
}

export function invalidTransition(status: string, action: string): ConflictError {
  return new ConflictError('invalid_transition', `An order that is ${status} does not allow ${action}.`);
}
