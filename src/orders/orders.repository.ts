import type { EntityManager } from 'typeorm';
import type { OrderCreditDto, OrderDto, OrderEventDto, PartyDto } from './dto/order.dto';
import type { OrderStatus } from './order-lifecycle';

export interface OrderRow {
  id: string;
  quote_id: string;
  quote_option_id: string;
  buyer_id: string;
  provider_id: string;
  lane_id: string;
  status: OrderStatus;
  total_minor: string;
  credit_applied_minor: string;
  currency: string;
  declared_value_minor: string;
  pickup_by: string;
  guaranteed_by: string;
  tier_at_booking: string;
  automatic_compensation: boolean;
  shipper: PartyDto;
  consignee: PartyDto;
  booked_at: Date;
  picked_up_at: Date | null;
  delivered_at: Date | null;
  lost_at: Date | null;
  on_time: boolean | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  last_event_at: Date;
  remedy_pickup_by: string | null;
  remedy_submitted_at: Date | null;
}

/** Dates come back as YYYY-MM-DD strings: the pg type parser for `date` is left as text. */
const COLUMNS = `id, quote_id, quote_option_id, buyer_id, provider_id, lane_id, status, total_minor, credit_applied_minor, currency,
  declared_value_minor, to_char(pickup_by, 'YYYY-MM-DD') AS pickup_by, to_char(guaranteed_by, 'YYYY-MM-DD') AS guaranteed_by,
  tier_at_booking, automatic_compensation, shipper, consignee, booked_at, picked_up_at, delivered_at, lost_at, on_time,
  cancelled_at, cancelled_by, last_event_at, to_char(remedy_pickup_by, 'YYYY-MM-DD') AS remedy_pickup_by, remedy_submitted_at`;

export interface BookableOptionRow {
  option_id: string;
  quote_id: string;
  buyer_id: string;
  provider_id: string;
  lane_id: string;
  total_minor: string;
  currency: string;
  pickup_by: string;
  guaranteed_by: string;
  expires_at: Date;
  request: { destination: { country: string; postcode: string }; declaredValue: { amountMinor: number } };
  provider_status: string;
  restricted_until: Date | null;
  lane_active: boolean;
}

/** The SQL of orders and their timeline; every function takes the manager of the caller's transaction. */
export const ordersRepository = {
  async optionForBooking(m: EntityManager, optionId: string): Promise<BookableOptionRow | null> {
    const [row] = (await m.query(
      `SELECT o.id AS option_id, o.quote_id, q.buyer_id, o.provider_id, o.lane_id, o.total_minor, o.currency,
              to_char(o.pickup_by, 'YYYY-MM-DD') AS pickup_by, to_char(o.guaranteed_by, 'YYYY-MM-DD') AS guaranteed_by,
              o.expires_at, q.request, p.status AS provider_status, p.restricted_until, l.active AS lane_active
         FROM quote_options o
         JOIN quotes q ON q.id = o.quote_id
         JOIN providers p ON p.id = o.provider_id
         JOIN lanes l ON l.id = o.lane_id
        WHERE o.id = $1`,
      [optionId],
    )) as BookableOptionRow[];
    return row ?? null;
  },

  /**
   * Inserts the order and its `booked` event in one statement (one round trip) unless its quote
   * already has an order; false when it does (one order per quote).
   */
  async insert(m: EntityManager, order: OrderDto): Promise<boolean> {
    const rows = (await m.query(
      `WITH o AS (
         INSERT INTO orders (id, quote_id, quote_option_id, buyer_id, provider_id, lane_id, status, total_minor, currency,
                             declared_value_minor, pickup_by, guaranteed_by, tier_at_booking, automatic_compensation,
                             shipper, consignee, booked_at, last_event_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'booked', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         ON CONFLICT (quote_id) DO NOTHING RETURNING id
       ), e AS (
         INSERT INTO order_events (order_id, type, occurred_at, recorded_at, recorded_by)
         SELECT id, 'booked', $16, $16, 'buyer' FROM o
       )
       SELECT id FROM o`,
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
    )) as unknown[];
    return rows.length === 1;
  },

  async find(m: EntityManager, id: string, forUpdate = false): Promise<OrderRow | null> {
    const [row] = (await m.query(`SELECT ${COLUMNS} FROM orders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])) as OrderRow[];
    return row ?? null;
  },

  /** The order, its timeline and the credits it used in one statement (one round trip); null when there is no such order. */
  async findWithEvents(m: EntityManager, id: string): Promise<{ row: OrderRow; events: OrderEventDto[]; credits: OrderCreditDto[] } | null> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS},
              (SELECT coalesce(jsonb_agg(jsonb_build_object('type', e.type, 'occurredAt', e.occurred_at, 'location', e.location, 'note', e.note)
                                         ORDER BY e.id), '[]'::jsonb)
                 FROM order_events e WHERE e.order_id = orders.id) AS events,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('creditId', r.credit_id, 'amountMinor', r.amount_minor, 'restoredAt', r.restored_at)
                                         ORDER BY c.expires_at, c.issued_at, c.id), '[]'::jsonb)
                 FROM credit_redemptions r JOIN credits c ON c.id = r.credit_id WHERE r.order_id = orders.id) AS credits
         FROM orders WHERE id = $1`,
      [id],
    )) as (OrderRow & {
      events: { type: string; occurredAt: string; location: string | null; note: string | null }[];
      credits: { creditId: string; amountMinor: number; restoredAt: string | null }[];
    })[];
    if (!row) return null;
    return {
      row,
      events: row.events.map((e) => ({ type: e.type, occurredAt: new Date(e.occurredAt), location: e.location, note: e.note })),
      credits: row.credits.map((c) => ({ creditId: c.creditId, amountMinor: Number(c.amountMinor), restoredAt: c.restoredAt === null ? null : new Date(c.restoredAt) })),
    };
  },

  async addEvent(
    m: EntityManager,
    e: { orderId: string; type: string; occurredAt: Date; location?: string | null; note?: string | null; recordedAt: Date; recordedBy: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO order_events (order_id, type, occurred_at, location, note, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.orderId, e.type, e.occurredAt, e.location ?? null, e.note ?? null, e.recordedAt, e.recordedBy],
    );
  },

  async events(m: EntityManager, orderIds: string[]): Promise<Map<string, OrderEventDto[]>> {
    const rows = (await m.query(
      `SELECT order_id, type, occurred_at, location, note FROM order_events WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, id`,
      [orderIds],
    )) as { order_id: string; type: string; occurred_at: Date; location: string | null; note: string | null }[];
    const byOrder = new Map<string, OrderEventDto[]>(orderIds.map((id) => [id, []]));
    for (const r of rows) byOrder.get(r.order_id)!.push({ type: r.type, occurredAt: r.occurred_at, location: r.location, note: r.note });
    return byOrder;
  },

  async update(m: EntityManager, id: string, set: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(set);
    await m.query(`UPDATE orders SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...keys.map((k) => set[k])]);
  },

  /**
   * `update` and `addEvent` in one statement (one round trip): a state change and its timeline entry.
   * With `expected`, only if the order is still in that state (optimistic concurrency): false when
   * another request changed it first, and then nothing is written.
   */
  async updateWithEvent(
    m: EntityManager,
    id: string,
    set: Record<string, unknown>,
    e: { type: string; occurredAt: Date; location?: string | null; note?: string | null; recordedAt: Date; recordedBy: string },
    expected?: { status: string; lastEventAt: Date },
  ): Promise<boolean> {
    const keys = Object.keys(set);
    const n = keys.length + 1;
    const params = [id, ...keys.map((k) => set[k]), e.type, e.occurredAt, e.location ?? null, e.note ?? null, e.recordedAt, e.recordedBy];
    let guard = '';
    if (expected) {
      params.push(expected.status, expected.lastEventAt);
      guard = ` AND status = $${n + 7} AND last_event_at = $${n + 8}`;
    }
    const rows = (await m.query(
      `WITH u AS (UPDATE orders SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1${guard} RETURNING id)
       INSERT INTO order_events (order_id, type, occurred_at, location, note, recorded_at, recorded_by)
       SELECT id, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6} FROM u RETURNING id`,
      params,
    )) as unknown[];
    return rows.length === 1;
  },

  async page(
    m: EntityManager,
    filter: { buyerId?: string; providerId?: string; status?: string },
    after: { key: string; id: string } | null,
    limit: number,
  ): Promise<OrderRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.buyerId) add('buyer_id = ?', filter.buyerId);
    if (filter.providerId) add('provider_id = ?', filter.providerId);
    if (filter.status) add('status = ?', filter.status);
    if (after) {
      params.push(after.key, after.id);
      where.push(`(booked_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    return m.query(
      `SELECT ${COLUMNS} FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY booked_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  },
};

export function toOrderDto(row: OrderRow, events: OrderEventDto[], credits: OrderCreditDto[]): OrderDto {
  return {
    id: row.id,
    quoteId: row.quote_id,
    quoteOptionId: row.quote_option_id,
    buyerId: row.buyer_id,
    providerId: row.provider_id,
    laneId: row.lane_id,
    status: row.status,
    totalMinor: Number(row.total_minor),
    currency: row.currency,
    declaredValueMinor: Number(row.declared_value_minor),
    creditAppliedMinor: Number(row.credit_applied_minor),
    payableMinor: Number(row.total_minor) - Number(row.credit_applied_minor),
    credits,
    pickupBy: row.pickup_by,
    guaranteedBy: row.guaranteed_by,
    remedyPickupBy: row.remedy_pickup_by,
    tierAtBooking: row.tier_at_booking,
    automaticCompensation: row.automatic_compensation,
    shipper: row.shipper,
    consignee: row.consignee,
    bookedAt: row.booked_at,
    pickedUpAt: row.picked_up_at,
    deliveredAt: row.delivered_at,
    onTime: row.on_time,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
    events,
  };
}
