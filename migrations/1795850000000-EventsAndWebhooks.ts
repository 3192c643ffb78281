import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event outbox and webhooks (SPEC §11). An event is written in the transaction of the change it
 * records; `buyer_id`/`provider_id` say who may see it (admins see all). Each delivery attempt of an
 * event to an endpoint is a `webhook_deliveries` row; at most one per (endpoint, event) is `pending`
 * (the partial unique index), so one event never goes to one endpoint twice at the same time. A
 * worker claims due pending rows with FOR UPDATE SKIP LOCKED and leases them (`locked_until`), so a
 * killed process's claim is taken again once its lease ends.
 */
export class EventsAndWebhooks1795850000000 implements MigrationInterface {
  name = 'EventsAndWebhooks1795850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        type varchar(40) NOT NULL,
        buyer_id uuid,
        provider_id uuid,
        data jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL
      )`);
    await q.query(`CREATE INDEX events_buyer ON events (buyer_id, seq) WHERE buyer_id IS NOT NULL`);
    await q.query(`CREATE INDEX events_provider ON events (provider_id, seq) WHERE provider_id IS NOT NULL`);
    await q.query(`CREATE INDEX events_created_at ON events (created_at)`);

    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        owner_role varchar(8) NOT NULL CHECK (owner_role IN ('admin', 'buyer', 'provider')),
        owner_id uuid,
        url varchar(2048) NOT NULL,
        events text[] NOT NULL,
        description varchar(500),
        status varchar(8) NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
        disabled_reason varchar(500),
        secret varchar(64) NOT NULL,
        previous_secret varchar(64),
        previous_secret_until timestamptz,
        failing_since timestamptz,
        created_at timestamptz(3) NOT NULL,
        CHECK ((owner_role = 'admin') = (owner_id IS NULL))
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_role, owner_id, created_at)`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        event_type varchar(40) NOT NULL,
        attempt integer NOT NULL CHECK (attempt >= 1),
        status varchar(10) NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        response_status integer,
        duration_ms integer,
        error varchar(500),
        created_at timestamptz(3) NOT NULL,
        next_attempt_at timestamptz(3),
        locked_until timestamptz(3),
        attempted_at timestamptz(3)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX webhook_deliveries_one_pending ON webhook_deliveries (endpoint_id, event_id) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id)`);
    await q.query(`CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
    await q.query(`DROP TABLE events`);
  }
}
