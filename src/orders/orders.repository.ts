import { Injectable } from '@nestjs/common';
import { entityRows, prepared, returnedRows, type EntityRows } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import { toDate } from '../database/transformers';
import type { OrderCreditDto, OrderDto, OrderEventDto } from './dto/order.dto';
import { OrderEventEntity } from './order-event.entity';
import { OrderEntity } from './order.entity';

/** The columns a state change may set: typed, so no caller can name a column that does not exist. */
export type OrderChange = Partial<
  Pick<
    OrderEntity,
    | 'status'
    | 'lastEventAt'
    | 'pickedUpAt'
    | 'deliveredAt'
    | 'lostAt'
    | 'onTime'
    | 'cancelledAt'
    | 'cancelledBy'
    | 'remedyPickupBy'
    | 'remedySubmittedAt'
  >
>;

/** A timeline entry to add (its order is the one being changed). */
export type NewOrderEvent = Pick<OrderEventEntity, 'type' | 'occurredAt' | 'recordedAt' | 'recordedBy'> &
  Partial<Pick<OrderEventEntity, 'location' | 'note'>>;

/** The hot reads of one order, built once from the entity's metadata (`OrdersRepository.reads`). */
interface OrderReads {
  rows: EntityRows<OrderEntity>;
  byId: string;
  byIdForUpdate: string;
  withTimeline: string;
}

export interface OrderWithTimeline {
  order: OrderEntity;
  events: OrderEventDto[];
  credits: OrderCreditDto[];
}

/**
 * The orders aggregate: orders and their timeline (order_events). Every method runs on the ambient
 * transaction's manager (TransactionContext), else the pool's. Writes that must be one round trip
 * (a booking with its event, a state change with its event) are parameterised SQL; so are the hot
 * reads of one order (entityRows: the entity's own columns and transformers); the rest is QueryBuilder.
 */
@Injectable()
export class OrdersRepository {
  private hotReads?: OrderReads;

  constructor(private readonly tx: TransactionContext) {}

  /** The hot reads' statements and hydration, built on first use (a tracking event reads its order twice). */
  private get reads(): OrderReads {
    if (this.hotReads) return this.hotReads;
    const rows = entityRows<OrderEntity>(this.tx.metadata(OrderEntity), 'o');
    const byId = `SELECT ${rows.columns} FROM orders o WHERE o.id = $1`;
    const withTimeline = `SELECT ${rows.columns},
              (SELECT coalesce(jsonb_agg(jsonb_build_object('type', e.type, 'occurredAt', e.occurred_at, 'location', e.location, 'note', e.note)
                                         ORDER BY e.id), '[]'::jsonb)
                 FROM order_events e WHERE e.order_id = o.id) AS timeline,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('creditId', r.credit_id, 'amountMinor', r.amount_minor, 'restoredAt', r.restored_at)
                                         ORDER BY c.expires_at, c.issued_at, c.id), '[]'::jsonb)
                 FROM credit_redemptions r JOIN credits c ON c.id = r.credit_id WHERE r.order_id = o.id) AS used_credits
         FROM orders o WHERE o.id = $1`;
    return (this.hotReads = {
      rows,
      byId: prepared(byId),
      byIdForUpdate: prepared(`${byId} FOR UPDATE`),
      withTimeline: prepared(withTimeline),
    });
  }

  /**
   * Inserts the order and its `booked` event in one statement (one round trip) unless its quote
   * already has an order; false when it does (one order per quote).
   */
  async insert(order: OrderDto): Promise<boolean> {
    const rows = (await this.tx.manager.query(
      prepared(`WITH o AS (
         INSERT INTO orders (id, quote_id, quote_option_id, buyer_id, provider_id, lane_id, status, total_minor, currency,
                             declared_value_minor, pickup_by, guaranteed_by, tier_at_booking, automatic_compensation,
                             shipper, consignee, booked_at, last_event_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'booked', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         ON CONFLICT (quote_id) DO NOTHING RETURNING id
       ), e AS (
         INSERT INTO order_events (order_id, type, occurred_at, recorded_at, recorded_by)
         SELECT id, 'booked', $16, $16, 'buyer' FROM o
       )
       SELECT id FROM o`),
      [
        order.id,
        order.quoteId,
        order.quoteOptionId,
        order.buyerId,
        order.providerId,
        order.laneId,
        order.totalMinor,
        order.currency,
        order.declaredValueMinor,
        order.pickupBy,
        order.guaranteedBy,
        order.tierAtBooking,
        order.automaticCompensation,
        JSON.stringify(order.shipper),
        JSON.stringify(order.consignee),
        order.bookedAt,
      ],
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** The order; with `forUpdate`, row-locked until the transaction ends. */
  async find(id: string, forUpdate = false): Promise<OrderEntity | null> {
    const { rows, byId, byIdForUpdate } = this.reads;
    const found = (await this.tx.manager.query(forUpdate ? byIdForUpdate : byId, [id])) as Record<string, unknown>[];
    return found[0] ? rows.hydrate(found[0]) : null;
  }

  /** The order, its timeline and the credits it used in one statement (one round trip); null when there is no such order. */
  async findWithTimeline(id: string): Promise<OrderWithTimeline | null> {
    const rows = (await this.tx.manager.query(this.reads.withTimeline, [id])) as (Record<string, unknown> & {
      timeline: { type: string; occurredAt: string; location: string | null; note: string | null }[];
      used_credits: { creditId: string; amountMinor: number; restoredAt: string | null }[];
    })[];
    const row = rows[0];
    if (!row) return null;
    const { timeline, used_credits: usedCredits } = row;
    return {
      order: this.reads.rows.hydrate(row),
      events: timeline.map((e) => ({ type: e.type, occurredAt: new Date(e.occurredAt), location: e.location, note: e.note })),
      credits: usedCredits.map((c) => ({
        creditId: c.creditId,
        amountMinor: Number(c.amountMinor),
        restoredAt: toDate(c.restoredAt),
      })),
    };
  }

  async addEvent(orderId: string, e: NewOrderEvent): Promise<void> {
    await this.tx.manager.insert(OrderEventEntity, { orderId, ...e, location: e.location ?? null, note: e.note ?? null });
  }

  /** The timelines of several orders, each in insertion order. */
  async events(orderIds: string[]): Promise<Map<string, OrderEventDto[]>> {
    const byOrder = new Map<string, OrderEventDto[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = await this.tx.manager
      .createQueryBuilder(OrderEventEntity, 'e')
      .where('e.orderId IN (:...orderIds)', { orderIds })
      .orderBy('e.orderId')
      .addOrderBy('e.id')
      .getMany();
    for (const r of rows) byOrder.get(r.orderId)!.push({ type: r.type, occurredAt: r.occurredAt, location: r.location, note: r.note });
    return byOrder;
  }

  /**
   * A state change and its timeline entry in one statement (one round trip). With `expected`, only
   * if the order is still in that state (optimistic concurrency): false when another request changed
   * it first, and then nothing is written.
   */
  async change(id: string, set: OrderChange, e: NewOrderEvent, expected?: { status: string; lastEventAt: Date }): Promise<boolean> {
    const params: unknown[] = [id];
    const assignments = this.assignments(set, params);
    let guard = '';
    if (expected) {
      params.push(expected.status, expected.lastEventAt);
      guard = ` AND status = $${params.length - 1} AND last_event_at = $${params.length}`;
    }
    params.push(e.type, e.occurredAt, e.location ?? null, e.note ?? null, e.recordedAt, e.recordedBy);
    const n = params.length;
    const rows = (await this.tx.manager.query(
      // Prepared: the column lists are the callers' fixed shapes, never values.
      prepared(`WITH u AS (UPDATE orders SET ${assignments} WHERE id = $1${guard} RETURNING id)
       INSERT INTO order_events (order_id, type, occurred_at, location, note, recorded_at, recorded_by)
       SELECT id, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n} FROM u RETURNING id`),
      params,
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** Newest first, keyset on (booked_at, id); buyers and providers see only theirs (the filter). */
  page(
    filter: { buyerId?: string; providerId?: string; status?: string },
    after: { key: string; id: string } | null,
    limit: number,
  ): Promise<OrderEntity[]> {
    const qb = this.tx.manager.createQueryBuilder(OrderEntity, 'o');
    if (filter.buyerId) qb.andWhere('o.buyerId = :buyerId', { buyerId: filter.buyerId });
    if (filter.providerId) qb.andWhere('o.providerId = :providerId', { providerId: filter.providerId });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (after) qb.andWhere('(o.booked_at, o.id) < (:afterKey::timestamptz, :afterId::uuid)', { afterKey: after.key, afterId: after.id });
    return qb
      .orderBy('o.bookedAt', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** `column = $n` for each property set, the column names taken from the entity's metadata. */
  private assignments(set: OrderChange, params: unknown[]): string {
    const metadata = this.tx.metadata(OrderEntity);
    return (Object.keys(set) as (keyof OrderChange)[])
      .map((property) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`orders has no column for ${property}`);
        params.push(set[property]);
        return `${column.databaseName} = $${params.length}`;
      })
      .join(', ');
  }

  /**
   * The pickup sweep's claim (SPEC §6.5): marks up to `limit` unassessed, uncancelled orders whose
   * pickupBy date ended before the UTC date `today` as assessed at `asOf`, and answers them. The
   * conditional UPDATE is what makes each order assessed once, whatever runs concurrently.
   */
  async claimForPickupAssessment(today: string, asOf: Date, limit: number): Promise<PickupCandidate[]> {
    const rows = returnedRows<{
      id: string;
      provider_id: string;
      pickup_by: string;
      picked_up_at: Date | null;
      remedy_submitted_at: Date | null;
    }>(
      await this.tx.manager.query(
        `UPDATE orders SET pickup_assessed_at = $2
          WHERE id IN (SELECT id FROM orders
                        WHERE pickup_assessed_at IS NULL AND status <> 'cancelled' AND pickup_by < $1::date
                        ORDER BY id LIMIT $3 FOR UPDATE)
      RETURNING id, provider_id, to_char(pickup_by, 'YYYY-MM-DD') AS pickup_by, picked_up_at, remedy_submitted_at`,
        [today, asOf, limit],
      ),
    );
    return rows.map((r) => ({
      id: r.id,
      providerId: r.provider_id,
      pickupBy: r.pickup_by,
      pickedUpAt: r.picked_up_at,
      remedySubmittedAt: r.remedy_submitted_at,
    }));
  }

  /** Whether any of these buyers has an order (the demo seed's "already seeded"). */
  async anyOfBuyers(buyerIds: string[]): Promise<boolean> {
    return (
      (await this.tx.manager.createQueryBuilder(OrderEntity, 'o').where('o.buyerId IN (:...buyerIds)', { buyerIds }).limit(1).getCount()) >
      0
    );
  }

  /** Demo data only: moves an order and its timeline `days` back in time, dates included. */
  async backdate(orderId: string, days: number): Promise<void> {
    const m = this.tx.manager;
    const shift = `${days} days`;
    await m.query(
      `UPDATE orders SET booked_at = booked_at - $2::interval, last_event_at = last_event_at - $2::interval,
              pickup_by = pickup_by - $3::int, guaranteed_by = guaranteed_by - $3::int WHERE id = $1`,
      [orderId, shift, days],
    );
    await m.query(`UPDATE order_events SET occurred_at = occurred_at - $2::interval WHERE order_id = $1`, [orderId, shift]);
  }
}

export type PickupCandidate = Pick<OrderEntity, 'id' | 'providerId' | 'pickupBy' | 'pickedUpAt' | 'remedySubmittedAt'>;
