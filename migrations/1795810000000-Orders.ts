import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders, their tracking events, claims, credits, and the providers' violation-point ledger.
 * The database enforces the "once" rules: one order per quote, one claim of a type per order, one
 * late-delivery credit per order, one pickup-obligation entry per order.
 */
export class Orders1795810000000 implements MigrationInterface {
  name = 'Orders1795810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        quote_id uuid NOT NULL UNIQUE REFERENCES quotes (id),
        quote_option_id uuid NOT NULL REFERENCES quote_options (id),
        buyer_id uuid NOT NULL REFERENCES buyers (id),
        provider_id uuid NOT NULL REFERENCES providers (id),
        lane_id uuid NOT NULL REFERENCES lanes (id),
        status varchar(12) NOT NULL CHECK (status IN ('booked', 'picked_up', 'in_transit', 'delivered', 'cancelled', 'lost')),
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        currency char(3) NOT NULL CHECK (currency = 'USD'),
        declared_value_minor bigint NOT NULL CHECK (declared_value_minor >= 0),
        pickup_by date NOT NULL,
        guaranteed_by date NOT NULL,
        tier_at_booking varchar(2) NOT NULL,
        automatic_compensation boolean NOT NULL,
        shipper jsonb NOT NULL,
        consignee jsonb NOT NULL,
        booked_at timestamptz NOT NULL,
        picked_up_at timestamptz,
        delivered_at timestamptz,
        lost_at timestamptz,
        on_time boolean,
        cancelled_at timestamptz,
        cancelled_by varchar(8) CHECK (cancelled_by IN ('buyer', 'provider', 'admin')),
        last_event_at timestamptz NOT NULL,
        remedy_pickup_by date,
        remedy_submitted_at timestamptz,
        pickup_assessed_at timestamptz
      )`);
    await q.query(`CREATE INDEX orders_buyer ON orders (buyer_id, booked_at DESC, id DESC)`);
    await q.query(`CREATE INDEX orders_provider ON orders (provider_id, booked_at DESC, id DESC)`);
    await q.query(`CREATE INDEX orders_all ON orders (booked_at DESC, id DESC)`);
    // Loops: buyers' platform GMV and providers' 90-day on-time figures read delivered orders by date.
    await q.query(`CREATE INDEX orders_buyer_delivered ON orders (buyer_id, delivered_at) WHERE status = 'delivered'`);
    await q.query(`CREATE INDEX orders_provider_delivered ON orders (provider_id, delivered_at) WHERE status = 'delivered'`);
    // The pickup sweep looks only at orders not yet assessed.
    await q.query(`CREATE INDEX orders_pickup_unassessed ON orders (pickup_by) WHERE pickup_assessed_at IS NULL AND status <> 'cancelled'`);

    await q.query(`
      CREATE TABLE order_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        type varchar(12) NOT NULL CHECK (type IN ('booked', 'picked_up', 'in_transit', 'delivered', 'lost', 'cancelled', 'remedy')),
        occurred_at timestamptz NOT NULL,
        location varchar(200),
        note varchar(500),
        recorded_at timestamptz NOT NULL,
        recorded_by varchar(8) NOT NULL
      )`);
    await q.query(`CREATE INDEX order_events_order ON order_events (order_id, id)`);

    await q.query(`
      CREATE TABLE claims (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        buyer_id uuid NOT NULL REFERENCES buyers (id),
        type varchar(16) NOT NULL CHECK (type IN ('late_delivery', 'damaged', 'lost')),
        status varchar(10) NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        description varchar(2000),
        asked_minor bigint CHECK (asked_minor >= 0),
        approved_minor bigint CHECK (approved_minor >= 0),
        reason varchar(500),
        created_at timestamptz NOT NULL,
        reviewed_at timestamptz,
        UNIQUE (order_id, type)
      )`);

    await q.query(`
      CREATE TABLE credits (
        id uuid PRIMARY KEY,
        buyer_id uuid NOT NULL REFERENCES buyers (id),
        order_id uuid REFERENCES orders (id),
        claim_id uuid REFERENCES claims (id),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL DEFAULT 'USD',
        reason varchar(16) NOT NULL CHECK (reason IN ('late_delivery', 'damaged', 'lost')),
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX credits_late_once ON credits (order_id) WHERE reason = 'late_delivery'`);
    await q.query(`CREATE UNIQUE INDEX credits_claim_once ON credits (claim_id) WHERE claim_id IS NOT NULL`);
    await q.query(`CREATE INDEX credits_buyer ON credits (buyer_id, issued_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE violations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers (id),
        code varchar(40) NOT NULL,
        points smallint NOT NULL CHECK (points > 0),
        order_id uuid REFERENCES orders (id),
        note varchar(500),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    // An order's breach is recorded once per kind, even when two sweeps or requests race.
    await q.query(`CREATE UNIQUE INDEX violations_order_code ON violations (order_id, code) WHERE order_id IS NOT NULL`);
    await q.query(`CREATE INDEX violations_provider ON violations (provider_id, expires_at)`);

    await q.query(`
      CREATE TABLE compliance_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers (id),
        violation_id uuid NOT NULL REFERENCES violations (id),
        threshold smallint NOT NULL,
        action varchar(12) NOT NULL CHECK (action IN ('warning', 'restrict', 'terminate')),
        restricted_until timestamptz,
        lanes_deactivated boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX compliance_actions_provider ON compliance_actions (provider_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['compliance_actions', 'violations', 'credits', 'claims', 'order_events', 'orders']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
