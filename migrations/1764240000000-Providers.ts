import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Providers, their documents and lanes (SPEC §4), and the market version counter that tells every
 * server instance when its cache of bookable lanes is stale.
 */
export class Providers1764240000000 implements MigrationInterface {
  name = 'Providers1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        legal_name varchar(200) NOT NULL,
        country char(2) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'qualified', 'suspended', 'terminated')),
        restricted_until timestamptz,
        demoted_until timestamptz,
        last_check jsonb,
        checked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX providers_created_at ON providers (created_at, id)`);
    await q.query(`CREATE INDEX providers_sweep ON providers (status) WHERE checked_at IS NOT NULL AND status <> 'terminated'`);

    await q.query(`
      CREATE TABLE provider_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
        type varchar(32) NOT NULL CHECK (type IN ('business_license', 'freight_licence', 'liability_insurance')),
        number varchar(100) NOT NULL,
        modes jsonb,
        coverage_usd bigint CHECK (coverage_usd >= 0),
        issued_at date NOT NULL,
        expires_at date NOT NULL,
        file_ref varchar(500) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
        reason varchar(500),
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_at > issued_at),
        CHECK ((type = 'freight_licence') = (modes IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX provider_documents_provider ON provider_documents (provider_id, created_at, id)`);

    await q.query(`
      CREATE TABLE lanes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
        origin_country char(2) NOT NULL,
        destination_country char(2) NOT NULL,
        mode varchar(16) NOT NULL CHECK (mode IN ('express', 'air', 'sea_lcl')),
        transit_days_min smallint NOT NULL CHECK (transit_days_min BETWEEN 1 AND 90),
        transit_days_max smallint NOT NULL CHECK (transit_days_max BETWEEN 1 AND 90),
        handling_days smallint NOT NULL CHECK (handling_days BETWEEN 0 AND 10),
        weight_breaks jsonb NOT NULL,
        min_charge_minor bigint NOT NULL CHECK (min_charge_minor >= 0),
        fuel_surcharge_bps integer NOT NULL CHECK (fuel_surcharge_bps BETWEEN 0 AND 10000),
        remote_area jsonb,
        oversize_fee_minor bigint NOT NULL CHECK (oversize_fee_minor >= 0),
        max_piece_weight_kg numeric(8, 3) NOT NULL CHECK (max_piece_weight_kg > 0),
        dangerous_goods boolean NOT NULL,
        min_buyer_tier varchar(2) NOT NULL CHECK (min_buyer_tier IN ('L0', 'L1', 'L2', 'L3', 'L4')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz,
        CHECK (origin_country <> destination_country),
        CHECK (transit_days_min <= transit_days_max),
        CHECK (active = (deactivated_at IS NULL))
      )`);
    // The seed's 重复铺货 rule: one active lane per provider, origin, destination and mode. The
    // database decides, so two racing requests cannot both win.
    await q.query(`
      CREATE UNIQUE INDEX lanes_active_unique ON lanes (provider_id, origin_country, destination_country, mode) WHERE active`);
    await q.query(`CREATE INDEX lanes_provider ON lanes (provider_id, created_at, id)`);
    await q.query(`CREATE INDEX lanes_bookable ON lanes (destination_country, mode) WHERE active`);

    // One row; bumped in the same transaction as any change to lanes or provider listing, so other
    // instances can tell their cached market is stale by reading one integer.
    await q.query(`CREATE TABLE market_version (id smallint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)`);
    await q.query(`INSERT INTO market_version (id, version) VALUES (1, 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE market_version`);
    await q.query(`DROP TABLE lanes`);
    await q.query(`DROP TABLE provider_documents`);
    await q.query(`DROP TABLE providers`);
  }
}
