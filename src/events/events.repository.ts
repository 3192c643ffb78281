import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/sql';
import type { CursorPosition } from '../common/pagination/pagination';

export interface EventRow {
  id: string;
  seq: string;
  type: string;
  data: { object: unknown };
  created_at: Date;
}

export interface NewEventRow {
  id: string;
  type: string;
  buyerId: string | null;
  providerId: string | null;
  object: unknown;
}

/** The SQL of the `events` table; only this module names it. */
export const eventsRepository = {
  /** All of a transaction's events in one statement. */
  async insert(m: EntityManager, events: NewEventRow[], at: Date): Promise<void> {
    const rows = events.map((e) => ({ id: e.id, type: e.type, buyer_id: e.buyerId, provider_id: e.providerId, data: { object: e.object } }));
    await m.query(
      `INSERT INTO events (id, type, buyer_id, provider_id, data, created_at)
       SELECT id, type, buyer_id, provider_id, data, $2 FROM jsonb_to_recordset($1::jsonb) AS x (id uuid, type varchar, buyer_id uuid, provider_id uuid, data jsonb)`,
      [JSON.stringify(rows), at],
    );
  },

  /**
   * Newest first (recording order). `audience` null: every event (admins); `type` an exact type or
   * a `prefix.*` pattern (`*`: all).
   */
  async page(
    m: EntityManager,
    filter: { buyerId?: string; providerId?: string; type?: string },
    after: CursorPosition | null,
    limit: number,
  ): Promise<EventRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.buyerId) add('buyer_id = ?', filter.buyerId);
    if (filter.providerId) add('provider_id = ?', filter.providerId);
    if (filter.type && filter.type !== '*') {
      if (filter.type.endsWith('.*')) add(`type LIKE ?`, `${filter.type.slice(0, -1)}%`);
      else add('type = ?', filter.type);
    }
    if (after) add('seq < ?::bigint', after.key);
    params.push(limit + 1);
    return m.query(
      `SELECT id, seq, type, data, created_at FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  },

  async find(m: EntityManager, id: string): Promise<(EventRow & { buyer_id: string | null; provider_id: string | null }) | null> {
    const [row] = (await m.query(`SELECT id, seq, type, data, created_at, buyer_id, provider_id FROM events WHERE id = $1`, [id])) as (EventRow & {
      buyer_id: string | null;
      provider_id: string | null;
    })[];
    return row ?? null;
  },

  async findMany(m: EntityManager, ids: string[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    return m.query(`SELECT id, seq, type, data, created_at FROM events WHERE id = ANY($1::uuid[])`, [ids]);
  },

  /** Deletes up to `limit` events created before `before` (their deliveries go with them); answers how many. */
  async purge(m: EntityManager, before: Date, limit: number): Promise<number> {
    const result: unknown = await m.query(
      `DELETE FROM events WHERE id IN (SELECT id FROM events WHERE created_at < $1 ORDER BY created_at LIMIT $2) RETURNING id`,
      [before, limit],
    );
    return returnedRows(result).length;
  },
};
