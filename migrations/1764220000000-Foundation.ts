import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764220000000 implements MigrationInterface {
  name = 'Foundation1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prefix varchar(16) NOT NULL,
        hash char(64) NOT NULL UNIQUE,
        role varchar(16) NOT NULL CHECK (role IN ('admin', 'buyer', 'provider')),
        subject_id uuid,
        label varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK ((role = 'admin') = (subject_id IS NULL))
      )`);
    await q.query(`CREATE INDEX api_keys_subject ON api_keys (subject_id) WHERE subject_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        api_key_id uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('in_progress', 'completed')),
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        locked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (api_key_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE api_keys`);
  }
}
