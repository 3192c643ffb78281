import type { SelectQueryBuilder } from 'typeorm';
import { decodeCursor } from '../common/pagination/pagination';

/**
 * Keyset order on (created_at, id). The cursor carries created_at as an ISO string (milliseconds),
 * so the order and the comparison use created_at truncated to milliseconds: the same key on both
 * sides, no row repeated or skipped.
 */
export function keysetByCreatedAt<T extends object>(qb: SelectQueryBuilder<T>, alias: string, cursor: string | undefined, limit: number) {
  const at = `date_trunc('milliseconds', ${alias}.created_at)`;
  const after = decodeCursor(cursor);
  qb.orderBy(at, 'ASC').addOrderBy(`${alias}.id`, 'ASC').limit(limit + 1);
  if (after) qb.andWhere(`(${at}, ${alias}.id) > (:afterKey::timestamptz, :afterId::uuid)`, { afterKey: after.key, afterId: after.id });
  return qb;
}
