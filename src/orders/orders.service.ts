import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { accessScope, requireAccess, type Owners } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { MetricsService } from '../common/metrics/metrics.service';
import { decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import { BookingLanes } from '../providers/booking-lanes.port';
import { QuotedOptions } from '../quotes/quoted-options';
import { bookingRefusal } from './booking-rules';
import { BuyerLink } from './buyer-link';
import { allocateCredits } from './credit-allocation';
import { CreditsRepository } from './credits.repository';
import type { CreateOrderDto, ListOrdersQueryDto, OrderDto } from './dto/order.dto';
import { transition } from './order-lifecycle';
import { OrderEvents } from './order-events';
import { OrderTransitions } from './order-transitions.service';
import type { OrderEntity } from './order.entity';
import { toOrderDto } from './orders.mapper';
import { OrdersRepository } from './orders.repository';

/** Booking (paid by credits on request), reading and cancelling orders (SPEC §6.1, §6.2, §6.6). */
@Injectable()
export class OrdersService {
  private readonly booked: Counter<never>;

  constructor(
    private readonly tx: TransactionContext,
    private readonly orders: OrdersRepository,
    private readonly credits: CreditsRepository,
    private readonly options: QuotedOptions,
    private readonly lanes: BookingLanes,
    private readonly transitions: OrderTransitions,
    private readonly buyers: BuyerLink,
    private readonly clock: Clock,
    metrics: MetricsService,
    private readonly events: OrderEvents,
  ) {
    this.booked = metrics.counter('orders_booked_total', 'Orders booked');
  }

  /**
   * Reads and checks the option, then writes the order and its `booked` event in one statement: the
   * unique quote_id decides between racing bookings, on any number of instances. Runs in the
   * request's transaction (the Idempotency-Key's, SPEC §1), so what else a booking writes joins it;
   * the booking is counted once that transaction has committed.
   */
  async book(principal: Principal, body: CreateOrderDto): Promise<OrderDto> {
    return this.tx.run(() => this.bookIn(principal, body));
  }

  private async bookIn(principal: Principal, body: CreateOrderDto): Promise<OrderDto> {
    const now = this.clock.now();
    const buyerId = accessScope(principal, 'quoteOption').buyer!;
    const terms = await this.buyers.termsAtBooking(buyerId);
    const option = await this.options.forBooking(body.quoteOptionId);
    requireAccess(principal, 'quoteOption', option, (o) => ({ buyer: o.buyerId }));
    const providerBookable = await this.lanes.isBookable(option.providerId, option.laneId, now);
    const refusal = bookingRefusal({ buyerId, option, consignee: body.consignee.address, providerBookable, now });
    if (refusal?.code === 'option_not_found') throw new NotFoundError('Quote option');
    if (refusal?.code === 'quote_expired')
      throw new ConflictError('quote_expired', `The quote expired at ${refusal.expiresAt.toISOString()}.`);
    if (refusal?.code === 'address_mismatch') {
      const { country, postcode } = refusal.destination;
      throw new BusinessRuleError('address_mismatch', `The consignee must be in ${country} ${postcode}, as quoted.`, [
        { field: 'consignee.address', message: `must have country ${country} and postcode ${postcode}` },
      ]);
    }
    if (refusal?.code === 'provider_unavailable')
      throw new ConflictError('provider_unavailable', 'The provider or lane is no longer bookable.');

    const dto: OrderDto = {
      id: randomUUID(),
      quoteId: option.quoteId,
      quoteOptionId: option.id,
      buyerId,
      providerId: option.providerId,
      laneId: option.laneId,
      status: 'booked',
      totalMinor: option.totalMinor,
      currency: option.currency,
      declaredValueMinor: option.declaredValueMinor,
      creditAppliedMinor: 0,
      payableMinor: option.totalMinor,
      credits: [],
      pickupBy: option.pickupBy,
      guaranteedBy: option.guaranteedBy,
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
    if (!(await this.orders.insert(dto))) throw new ConflictError('quote_already_booked', 'This quote already has an order.');
    if (body.applyCredits === true) await this.payWithCredits(dto, now);
    await this.events.booked(dto);
    this.tx.afterCommit(() => this.booked.inc());
    return dto;
  }

  /**
   * Spends the buyer's credits on the order just inserted (SPEC §6.6), in the booking's transaction.
   * After the order's insert, so a booking that loses its quote to another never touches credits.
   */
  private async payWithCredits(dto: OrderDto, now: Date): Promise<void> {
    const spendable = await this.credits.lockSpendable(dto.buyerId, now);
    const { uses, appliedMinor } = allocateCredits(spendable, dto.totalMinor, now);
    if (uses.length === 0) return;
    const note = `${appliedMinor} of ${dto.totalMinor} cents paid by ${uses.length} credit${uses.length > 1 ? 's' : ''}`;
    // Unreachable while the credits are locked; if it happens the transaction rolls back and nothing is spent.
    if ((await this.credits.redeem(dto.id, uses, now, note)) !== uses.length) throw new Error('a locked credit refused its redemption');
    dto.creditAppliedMinor = appliedMinor;
    dto.payableMinor = dto.totalMinor - appliedMinor;
    dto.credits = uses.map((u) => ({ ...u, restoredAt: null }));
    dto.events.push({ type: 'credits_applied', occurredAt: now, location: null, note });
    await this.events.credits(
      'credit.spent',
      uses.map((u) => u.creditId),
      now,
    );
  }

  async get(principal: Principal, id: string): Promise<OrderDto> {
    const found = await this.orders.findWithTimeline(id);
    requireAccess(principal, 'order', found, (f) => orderParties(f.order));
    return toOrderDto(found.order, found.events, found.credits);
  }

  /** Buyers see their orders, providers the orders assigned to them, admins all; newest first. */
  async list(principal: Principal, query: ListOrdersQueryDto): Promise<Page<OrderDto>> {
    const limit = query.limit ?? 50;
    const scope = accessScope(principal, 'order');
    const filter = { status: query.status, buyerId: scope.buyer, providerId: scope.provider };
    const rows = await this.orders.page(filter, decodeCursor(query.cursor), limit);
    const ids = rows.slice(0, limit).map((r) => r.id);
    const events = await this.orders.events(ids);
    const credits = await this.credits.ofOrders(ids);
    return toPage(
      rows,
      limit,
      (r) => ({ key: r.bookedAt.toISOString(), id: r.id }),
      (r) => toOrderDto(r, events.get(r.id)!, credits.get(r.id)!),
    );
  }

  /**
   * Before pickup only. A buyer cancels without penalty; a provider cancelling costs 4 points (§7).
   * Either way the credits the order used go back to where they came from (§6.6): the consequences
   * of entering `cancelled` (order-process.ts).
   */
  async cancel(principal: Principal, id: string, reason: string | undefined): Promise<OrderDto> {
    const now = this.clock.now();
    const party = principal.role === 'provider' ? 'provider' : 'buyer';
    return this.tx.run(async () => {
      const order = await this.lockOwn(principal, id);
      if (!transition(order.status, 'cancelled').ok) throw invalidTransition(order.status, 'cancel');
      await this.orders.change(
        id,
        { status: 'cancelled', cancelledAt: now, cancelledBy: party, lastEventAt: now },
        { type: 'cancelled', occurredAt: now, note: reason ?? null, recordedAt: now, recordedBy: party },
      );
      const context = {
        onTime: order.onTime,
        automaticCompensation: order.automaticCompensation,
        creditAppliedMinor: order.creditAppliedMinor,
        by: party,
      } as const;
      await this.transitions.enter('cancelled', { order, context, at: now, note: reason });
      return this.events.order('order.cancelled', id);
    });
  }

  /** Locks the order (in the ambient transaction) for a state change by one of its parties (anyone else: 404). */
  async lockOwn(principal: Principal, id: string): Promise<OrderEntity> {
    const order = await this.orders.find(id, true);
    requireAccess(principal, 'order', order, orderParties);
    return order;
  }
}

/** An order's owners for the access policy: its buyer and its provider. */
export function orderParties(order: Pick<OrderEntity, 'buyerId' | 'providerId'>): Owners {
  return { buyer: order.buyerId, provider: order.providerId };
}

export function invalidTransition(status: string, action: string): ConflictError {
  return new ConflictError('invalid_transition', `An order that is ${status} does not allow ${action}.`);
}
