import { Injectable } from '@nestjs/common';
import { prepared, returnedRows } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import type { CursorPosition } from '../common/pagination/pagination';

export interface EventRow {
  id: string;
  seq: string;
  type: string;
  data: { object: unknown };
  created_at: Date;
}

export type EventWithAudienceRow = EventRow & { buyer_id: string | null; provider_id: string | null };

export interface NewEventRow {
  id: string;
  type: string;
  buyerId: string | null;
  providerId: string | null;
  object: unknown;
}

/** The events aggregate (SPEC §11): the SQL of the `events` table; only this module names it. */
@Injectable()
export class EventsRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * All of a transaction's events in one statement, with what follows them (`followers`: the
   * data-modifying statements of RecordedFollower, each reading the relation `recorded`) in that same
   * statement: one round trip. Answers each follower's returned row count, in order.
   */
  async insert(events: NewEventRow[], at: Date, followers: readonly string[] = []): Promise<number[]> {
    const rows = events.map((e) => ({
      id: e.id,
      type: e.type,
      buyer_id: e.buyerId,
      provider_id: e.providerId,
      data: { object: e.object },
    }));
    const ctes = followers.map((sql, i) => `, follower_${i} AS (${sql})`).join('');
    const counts = followers.map((_, i) => `(SELECT count(*) FROM follower_${i})::int AS n${i}`).join(', ');
    // Prepared: the followers are the same few statements for the life of the process.
    const result = (await this.tx.manager.query(
      prepared(`WITH recorded AS (
         INSERT INTO events (id, type, buyer_id, provider_id, data, created_at)
         SELECT id, type, buyer_id, provider_id, data, $2 FROM jsonb_to_recordset($1::jsonb) AS x (id uuid, type varchar, buyer_id uuid, provider_id uuid, data jsonb)
         RETURNING id, type, buyer_id, provider_id, created_at
       )${ctes}
       SELECT ${counts || '1 AS n'}`),
      [JSON.stringify(rows), at],
    )) as Record<string, number>[];
    return followers.map((_, i) => result[0]![`n${i}`]!);
  }

  /**
   * Newest first (recording order). `scope` empty: every event (admins); `type` an exact type or
   * a `prefix.*` pattern (`*`: all).
   */
  async page(
    filter: { buyer?: string; provider?: string; type?: string },
    after: CursorPosition | null,
    limit: number,
  ): Promise<EventRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.buyer) add('buyer_id = ?', filter.buyer);
    if (filter.provider) add('provider_id = ?', filter.provider);
    if (filter.type && filter.type !== '*') {
      if (filter.type.endsWith('.*')) add(`type LIKE ?`, `${filter.type.slice(0, -1)}%`);
      else add('type = ?', filter.type);
    }
    if (after) add('seq < ?::bigint', after.key);
    params.push(limit + 1);
    return this.tx.manager.query(
      `SELECT id, seq, type, data, created_at FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  }

  async find(id: string): Promise<EventWithAudienceRow | null> {
    const [row] = (await this.tx.manager.query(`SELECT id, seq, type, data, created_at, buyer_id, provider_id FROM events WHERE id = $1`, [
      id,
    ])) as EventWithAudienceRow[];
    return row ?? null;
  }

  async findMany(ids: string[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    return this.tx.manager.query(`SELECT id, seq, type, data, created_at FROM events WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Deletes up to `limit` events created before `before` (their deliveries go with them); answers how many. */
  async purge(before: Date, limit: number): Promise<number> {
    const result: unknown = await this.tx.manager.query(
      `DELETE FROM events WHERE id IN (SELECT id FROM events WHERE created_at < $1 ORDER BY created_at LIMIT $2) RETURNING id`,
      [before, limit],
    );
    return returnedRows(result).length;
  }
}
