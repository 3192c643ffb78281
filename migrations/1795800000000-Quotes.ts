import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Quotes and their options. An option's `snapshot` is the option exactly as given: never updated. */
export class Quotes1795800000000 implements MigrationInterface {
  name = 'Quotes1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY,
        buyer_id uuid NOT NULL REFERENCES buyers (id),
        tier varchar(2) NOT NULL CHECK (tier IN ('L0', 'L1', 'L2', 'L3', 'L4')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
        request jsonb NOT NULL,
        unavailable jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX quotes_buyer_created ON quotes (buyer_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE quote_options (
        id uuid PRIMARY KEY,
        quote_id uuid NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
        rank smallint NOT NULL CHECK (rank BETWEEN 1 AND 20),
        provider_id uuid NOT NULL REFERENCES providers (id),
        lane_id uuid NOT NULL REFERENCES lanes (id),
        mode varchar(8) NOT NULL CHECK (mode IN ('express', 'air', 'sea_lcl')),
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        currency char(3) NOT NULL CHECK (currency = 'USD'),
        pickup_by date NOT NULL,
        guaranteed_by date NOT NULL CHECK (guaranteed_by >= pickup_by),
        expires_at timestamptz NOT NULL,
        snapshot jsonb NOT NULL,
        UNIQUE (quote_id, rank)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quote_options`);
    await q.query(`DROP TABLE quotes`);
  }
}
