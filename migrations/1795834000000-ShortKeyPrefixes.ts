import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored key prefixes were the first 12 characters of the secret: half of a 24-character
 * ADMIN_API_KEY. New keys show at most 8 characters and never more than a quarter of the secret
 * (secretPrefix). Only the hash of an existing key is stored, not its length, so existing prefixes
 * are cut to 6 characters: a quarter of the shortest secret the API accepts (24).
 */
export class ShortKeyPrefixes1795834000000 implements MigrationInterface {
  name = 'ShortKeyPrefixes1795834000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE api_keys SET prefix = left(prefix, 6) WHERE length(prefix) > 6`);
  }

  // The cut characters are gone: nothing to restore.
  async down(): Promise<void> {}
}
