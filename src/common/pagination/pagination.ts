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

/**
 * How a list's sort key looks when this API issues it. A cursor is validated, not signed: it grants
 * nothing (every list still applies the caller's access), so all that matters is that no value the
 * database cannot take reaches SQL, and no secret has to be shared by every instance.
 */
export type CursorKey = 'instant' | 'sequence' | ((key: string) => boolean);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEYS: Record<Exclude<CursorKey, (key: string) => boolean>, (key: string) => boolean> = {
  // Exactly as Date#toISOString writes it, which is how every instant cursor is issued.
  instant: (key) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(key) && !Number.isNaN(Date.parse(key)) && new Date(key).toISOString() === key,
  // A bigint sequence number.
  sequence: (key) => /^(0|[1-9]\d{0,17})$/.test(key),
};

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

/**
 * The position a cursor names, or null for the first page. Refused with 400 `invalid_cursor` unless
 * it is exactly what `encodeCursor` writes for a key of this list's kind and a UUID.
 */
export function decodeCursor(cursor: string | undefined, kind: CursorKey = 'instant'): CursorPosition | null {
  if (cursor === undefined || cursor === '') return null;
  const validKey = typeof kind === 'function' ? kind : KEYS[kind];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      const position = { key: parsed[0] as string, id: parsed[1] as string };
      if (UUID.test(position.id) && validKey(position.key) && encodeCursor(position) === cursor) return position;
    }
  } catch {
    /* fall through */
  }
  throw invalidCursor();
}

function invalidCursor(): InvalidInputError {
  return new InvalidInputError(
    'The cursor is not one this API issued.',
    [{ field: 'cursor', message: 'invalid cursor' }],
    'invalid_cursor',
  );
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
