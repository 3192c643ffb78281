import { Injectable } from '@nestjs/common';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError } from '../common/errors/domain-error';
import { TransactionContext } from '../database/transaction-context';
import type { OrderDto, OrderEventInputDto, RemedyDto } from './dto/order.dto';
import { validateRemedy } from './guarantee';
import { hasConsequences, planEvent, type EventColumns } from './order-process';
import { OrderEvents } from './order-events';
import { OrderTransitions } from './order-transitions.service';
import type { OrderEntity } from './order.entity';
import { OrdersRepository } from './orders.repository';
import { invalidTransition, orderParties, OrdersService } from './orders.service';

/**
 * Provider events (§6.2) and remedies (§6.5). What entering a state sets off (a delivery's lateness
 * point, automatic credit and the buyer's tier re-evaluation; a loss's point) is the order process's
 * (order-process.ts, carried out by OrderTransitions), in the event's transaction.
 */
@Injectable()
export class TrackingService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly orders: OrdersService,
    private readonly repo: OrdersRepository,
    private readonly transitions: OrderTransitions,
    private readonly events: OrderEvents,
    private readonly clock: Clock,
  ) {}

  async post(principal: Principal, id: string, event: OrderEventInputDto): Promise<OrderDto> {
    const now = this.clock.now();
    const occurredAt = new Date(event.occurredAt);
    const entry = { type: event.type, occurredAt, location: event.location, recordedAt: now, recordedBy: principal.role };

    // A state whose entry sets nothing off (a pickup, a checkpoint) is one conditional statement and
    // its event, no lock. If another request changed the order meanwhile, the locked path below decides.
    if (!hasConsequences(event.type)) {
      const order = await this.repo.find(id);
      requireAccess(principal, 'order', order, orderParties);
      const set = plan(order, event.type, occurredAt, now);
      const expected = { status: order.status, lastEventAt: order.lastEventAt };
      const written = await this.tx.run(async () =>
        (await this.repo.change(id, set, entry, expected)) ? this.events.order(`order.${event.type}`, id) : null,
      );
      if (written) return written;
    }

    return this.tx.run(async () => {
      const order = await this.orders.lockOwn(principal, id);
      const set = plan(order, event.type, occurredAt, now);
      await this.repo.change(id, set, entry);
      const context = {
        onTime: set.onTime ?? null,
        automaticCompensation: order.automaticCompensation,
        creditAppliedMinor: order.creditAppliedMinor,
        by: principal.role,
      };
      await this.transitions.enter(set.status, { order, context, at: now, occurredAt });
      return this.events.order(`order.${event.type}`, id);
    });
  }

  /** `POST /v1/orders/{id}/remedy`: before the pickupBy date ends, one per order (§6.5). */
  async remedy(principal: Principal, id: string, body: RemedyDto): Promise<OrderDto> {
    const now = this.clock.now();
    return this.tx.run(async () => {
      const order = await this.orders.lockOwn(principal, id);
      if (order.status !== 'booked') throw invalidTransition(order.status, 'a remedy');
      if (order.remedyPickupBy) throw new ConflictError('remedy_exists', 'This order already has a remedy.');
      const check = validateRemedy(body.newPickupBy, order.pickupBy, now);
      if (!check.ok) throw new ConflictError(check.code, check.message);
      await this.repo.change(
        id,
        { remedyPickupBy: body.newPickupBy, remedySubmittedAt: now },
        { type: 'remedy', occurredAt: now, note: `pickup promised by ${body.newPickupBy}`, recordedAt: now, recordedBy: 'provider' },
      );
      return this.events.order('order.remedy_submitted', id);
    });
  }
}

/** The order process's plan of the event, or its refusal as the API answers it. */
function plan(order: OrderEntity, type: OrderEventInputDto['type'], occurredAt: Date, now: Date): EventColumns {
  const planned = planEvent(order, type, occurredAt, now);
  if (planned.ok) return planned.set;
  if (planned.code === 'invalid_transition') throw invalidTransition(order.status, `a ${type} event`);
  throw new InvalidInputError(planned.message, [{ field: 'occurredAt', message: planned.message }], 'invalid_occurred_at');
}
