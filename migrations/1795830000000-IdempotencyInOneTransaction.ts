import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Idempotency-Key row is now inserted and completed in the request's own transaction, so a
 * committed row always has its response: the `in_progress` state and the `locked_at` of the 60 s
 * takeover go. Rows left in progress by the old scheme stood for requests that never finished;
 * they are dropped, so their retries run afresh.
 */
export class IdempotencyInOneTransaction1795830000000 implements MigrationInterface {
  name = 'IdempotencyInOneTransaction1795830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM idempotency_keys WHERE state <> 'completed'`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN state, DROP COLUMN locked_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE idempotency_keys
        ADD COLUMN state varchar(16) NOT NULL DEFAULT 'completed' CHECK (state IN ('in_progress', 'completed')),
        ADD COLUMN locked_at timestamptz NOT NULL DEFAULT now()`);
  }
}
