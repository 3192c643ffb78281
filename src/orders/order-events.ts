import { Injectable } from '@nestjs/common';
import { EventLog } from '../events/event-log';
import type { EventType } from '../events/event-types';
import { toClaimDto, toCreditDto } from './claims.mapper';
import { ClaimsRepository } from './claims.repository';
import { CreditsRepository } from './credits.repository';
import type { OrderDto } from './dto/order.dto';
import { toOrderDto } from './orders.mapper';
import { OrdersRepository } from './orders.repository';

export type CreditEventType = 'credit.issued' | 'credit.spent' | 'credit.restored';

/**
 * What the orders module tells the event log (SPEC §11), in the ambient transaction of the change:
 * an order's event carries the order after the change (with its timeline), a claim's or a credit's
 * event the claim or credit after it. Only the buyer (and, for orders, the provider) may receive it.
 */
@Injectable()
export class OrderEvents {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly creditRows: CreditsRepository,
    private readonly claims: ClaimsRepository,
    private readonly events: EventLog,
  ) {}

  /** A booking's event: the order it built is already the §10 shape, so it is not read back. */
  booked(order: OrderDto): Promise<void> {
    return this.events.record('order.booked', order, { buyerId: order.buyerId, providerId: order.providerId });
  }

  /**
   * An order's change: the order as it now stands, read in the change's transaction, is the event's
   * object and the answer of the route that changed it (what commits is exactly this; a read after
   * the commit would cost a round trip and could already show a later change).
   */
  async order(type: EventType, id: string): Promise<OrderDto> {
    const found = await this.orders.findWithTimeline(id);
    if (!found) throw new Error(`order ${id} vanished inside its own transaction`);
    const order = toOrderDto(found.order, found.events, found.credits);
    await this.events.record(type, order, { buyerId: found.order.buyerId, providerId: found.order.providerId });
    return order;
  }

  async claim(type: 'claim.created' | 'claim.reviewed', id: string): Promise<void> {
    const found = await this.claims.find(id);
    if (!found) throw new Error(`claim ${id} vanished inside its own transaction`);
    await this.events.record(type, toClaimDto(found), { buyerId: found.claim.buyerId });
  }

  async credits(type: CreditEventType, ids: readonly string[], now: Date): Promise<void> {
    const credits = await this.creditRows.byIds(ids);
    await this.events.recordMany(credits.map((c) => ({ type, object: toCreditDto(c, now), buyerId: c.buyerId })));
  }
}
