import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SPEC §3.2 / §3.4 as published version 1. Inlined (not imported) so this migration never changes. */
const DEFAULT_POLICY_V1 = `{"tiers":[{"tier":"L0","name":"Standard","requires":[],"anyOf":[],"benefits":{"freightDiscountPercent":0,"quoteValidityHours":24,"automaticCompensation":false}},{"tier":"L1","name":"Silver","requires":[],"anyOf":[{"field":"business_registration","op":"verified"},{"field":"platformGmvUsd12m","op":"gte","value":1000}],"benefits":{"freightDiscountPercent":0,"quoteValidityHours":24,"automaticCompensation":false}},{"tier":"L2","name":"Gold","requires":[{"field":"business_registration","op":"verified"}],"anyOf":[{"field":"annual_procurement_usd","op":"gte","value":50000},{"field":"platformGmvUsd12m","op":"gte","value":10000}],"benefits":{"freightDiscountPercent":2,"quoteValidityHours":48,"automaticCompensation":false}},{"tier":"L3","name":"Platinum","requires":[{"field":"business_registration","op":"verified"},{"field":"business_age_years","op":"gte","value":2}],"anyOf":[{"field":"annual_procurement_usd","op":"gte","value":150000},{"field":"annual_revenue_usd","op":"gte","value":500000},{"field":"employee_count","op":"gte","value":50}],"benefits":{"freightDiscountPercent":4,"quoteValidityHours":72,"automaticCompensation":true}},{"tier":"L4","name":"Pro","requires":[{"field":"business_registration","op":"verified"},{"field":"business_age_years","op":"gte","value":2}],"anyOf":[{"field":"annual_procurement_usd","op":"gte","value":300000},{"field":"annual_revenue_usd","op":"gt","value":1000000},{"field":"platformGmvUsd12m","op":"gte","value":300000}],"benefits":{"freightDiscountPercent":6,"quoteValidityHours":72,"automaticCompensation":true}}]}`;

const TIER_CHECK = `IN ('L0', 'L1', 'L2', 'L3', 'L4')`;

export class Buyers1764300000000 implements MigrationInterface {
  name = 'Buyers1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tier_policies (
        version integer PRIMARY KEY CHECK (version > 0),
        document jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid
      )`);
    await q.query(`INSERT INTO tier_policies (version, document) VALUES (1, $1::jsonb)`, [DEFAULT_POLICY_V1]);

    // The current tier and its evaluation snapshot live on the buyer row: GET tier is one read.
    await q.query(`
      CREATE TABLE buyers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_name varchar(200) NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        contact_email varchar(254),
        tier varchar(2) NOT NULL DEFAULT 'L0' CHECK (tier ${TIER_CHECK}),
        policy_version integer NOT NULL REFERENCES tier_policies (version),
        evaluated_at timestamptz NOT NULL,
        valid_until timestamptz,
        reevaluate_at timestamptz,
        tier_basis jsonb NOT NULL DEFAULT '[]',
        tier_next jsonb,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await q.query(`CREATE INDEX buyers_created ON buyers (created_at, id)`);
    await q.query(`CREATE INDEX buyers_tier_created ON buyers (tier, created_at, id)`);
    // The tier-expiry sweep reads only buyers due for re-evaluation.
    await q.query(`CREATE INDEX buyers_reevaluate_at ON buyers (reevaluate_at) WHERE reevaluate_at IS NOT NULL`);
    await q.query(`CREATE INDEX buyers_policy_version ON buyers (policy_version)`);

    await q.query(`
      CREATE TABLE buyer_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
        type varchar(32) NOT NULL
          CHECK (type IN ('business_registration', 'annual_procurement_usd', 'annual_revenue_usd', 'employee_count')),
        value jsonb NOT NULL,
        document_ref varchar(500) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
        reason varchar(1000),
        verified_at timestamptz,
        expires_at timestamptz,
        reviewed_at timestamptz,
        reviewed_by uuid,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CHECK (status <> 'rejected' OR reason IS NOT NULL),
        CHECK ((status = 'verified') = (verified_at IS NOT NULL AND expires_at IS NOT NULL)),
        CHECK (expires_at IS NULL OR expires_at > verified_at)
      )`);
    await q.query(`CREATE INDEX buyer_evidence_buyer ON buyer_evidence (buyer_id, created_at, id)`);
    await q.query(`CREATE INDEX buyer_evidence_expiry ON buyer_evidence (expires_at) WHERE status = 'verified'`);

    await q.query(`
      CREATE TABLE buyer_tier_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Recording order: several changes may share one instant, and a sweep may run as of a later one.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        buyer_id uuid NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
        from_tier varchar(2) CHECK (from_tier ${TIER_CHECK}),
        to_tier varchar(2) NOT NULL CHECK (to_tier ${TIER_CHECK}),
        reason varchar(40) NOT NULL,
        detail varchar(1000) NOT NULL,
        policy_version integer NOT NULL REFERENCES tier_policies (version),
        evidence_id uuid,
        at timestamptz NOT NULL,
        CHECK (from_tier IS DISTINCT FROM to_tier)
      )`);
    await q.query(`CREATE INDEX buyer_tier_history_buyer ON buyer_tier_history (buyer_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE buyer_tier_history`);
    await q.query(`DROP TABLE buyer_evidence`);
    await q.query(`DROP TABLE buyers`);
    await q.query(`DROP TABLE tier_policies`);
  }
}
