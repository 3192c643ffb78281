import type { SelectQueryBuilder } from 'typeorm';
import { decodeCursor, toPage, type Page } from './pagination';

/**
 * Keyset order on (created_at, id), oldest first. Tables paged this way store created_at with
 * millisecond precision (the cursor's), so the comparison is exact and their indexes serve it.
 */
function keysetByCreatedAt<T extends object>(qb: SelectQueryBuilder<T>, alias: string, cursor: string | undefined, limit: number) {
  const after = decodeCursor(cursor);
  qb.orderBy(`${alias}.created_at`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(limit + 1);
  if (after)
    qb.andWhere(`(${alias}.created_at, ${alias}.id) > (:afterKey::timestamptz, :afterId::uuid)`, {
      afterKey: after.key,
      afterId: after.id,
    });
  return qb;
}

/** A page of entities with `id` and `createdAt`, oldest first, in keyset order. */
export async function pageByCreatedAt<E extends { id: string; createdAt: Date }, T>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  cursor: string | undefined,
  limit: number,
  map: (entity: E) => T,
): Promise<Page<T>> {
  const rows = await keysetByCreatedAt(qb, alias, cursor, limit).getMany();
  return toPage(rows, limit, (e) => ({ key: e.createdAt.toISOString(), id: e.id }), map);
}
