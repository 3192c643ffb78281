import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['providers', 'provider_documents', 'lanes'];

/**
 * Lists are keyset-paginated on (created_at, id) and a cursor carries created_at in milliseconds, so
 * the stored value must have millisecond precision too (as buyers and evidence already do): then the
 * cursor comparison is exact and the (…, created_at, id) indexes serve it.
 */
export class MillisecondCreatedAt1795820000000 implements MigrationInterface {
  name = 'MillisecondCreatedAt1795820000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now())`);
      await q.query(
        `UPDATE ${table} SET created_at = date_trunc('milliseconds', created_at) WHERE created_at <> date_trunc('milliseconds', created_at)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN created_at SET DEFAULT now()`);
  }
}
