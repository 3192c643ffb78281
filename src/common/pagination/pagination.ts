import { InvalidInputError } from '../errors/domain-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A page of a cursor-paginated list (SPEC §1). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * Keyset position: the sort key and the id of the last row of the previous page. Opaque to clients
 * (base64url JSON), so the sort can change without breaking their code.
 */
export interface CursorPosition {
  key: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    /* fall through */
  }
  throw new InvalidInputError('The cursor is not one this API issued.', [{ field: 'cursor', message: 'invalid cursor' }], 'invalid_cursor');
}

/**
 * Builds a page from `limit + 1` rows fetched in keyset order: the extra row only tells that a next
 * page exists.
 */
export function toPage<R, T>(rows: R[], limit: number, position: (row: R) => CursorPosition, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { data: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(position(last)) : null };
}
