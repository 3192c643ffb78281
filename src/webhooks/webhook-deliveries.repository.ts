import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { prepared, returnedRows } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import type { CursorPosition } from '../common/pagination/pagination';
import type { DeliveryStatus } from './webhook-delivery.entity';

export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  event_id: string;
  attempt: number;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status: DeliveryStatus;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: Date;
  next_attempt_at: Date | null;
  attempted_at: Date | null;
}

const DELIVERY_COLUMNS =
  'id, event_id, event_type, attempt, status, response_status, duration_ms, error, created_at, next_attempt_at, attempted_at';

/** An endpoint's patterns matched against an event type in SQL, as `matchesPattern` does. */
const MATCHES = `EXISTS (SELECT 1 FROM unnest(w.events) p WHERE p = '*' OR p = ev.type OR (right(p, 2) = '.*' AND left(ev.type, length(p) - 1) = left(p, -1)))`;

/**
 * The webhook deliveries aggregate (SPEC §11): the `webhook_deliveries` table, each row one attempt.
 * An outcome also moves its endpoint's failing state in the same statement (this module owns both).
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * The fan-out, as the RecordedFollower statement of the events' insert (so in the events' own
   * statement and transaction): one pending first attempt per enabled endpoint that may receive each
   * recorded event (§11's table: its owner's events; an admin's: all), created no later than the event.
   */
  readonly fanOutSql = `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, created_at, next_attempt_at)
       SELECT gen_random_uuid(), w.id, ev.id, ev.type, 1, 'pending', ev.created_at, ev.created_at
         FROM recorded AS ev
         JOIN webhook_endpoints w ON w.status = 'enabled' AND w.created_at <= ev.created_at
          AND (w.owner_role = 'admin' OR (w.owner_role = 'buyer' AND w.owner_id = ev.buyer_id) OR (w.owner_role = 'provider' AND w.owner_id = ev.provider_id))
          AND ${MATCHES}
       RETURNING id`;

  /**
   * Claims up to `limit` due pending attempts of enabled endpoints: rows another worker holds are
   * skipped (SKIP LOCKED), and each claimed row is leased until `leaseUntil`, so a worker killed
   * while sending leaves it to be claimed again once the lease ends.
   */
  async claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const result: unknown = await this.tx.manager.query(
      prepared(`UPDATE webhook_deliveries d SET locked_until = $2
        WHERE d.id IN (
          SELECT x.id FROM webhook_deliveries x JOIN webhook_endpoints w ON w.id = x.endpoint_id AND w.status = 'enabled'
           WHERE x.status = 'pending' AND x.next_attempt_at <= $1 AND (x.locked_until IS NULL OR x.locked_until <= $1)
           ORDER BY x.next_attempt_at LIMIT $3 FOR UPDATE OF x SKIP LOCKED)
        RETURNING d.id, d.endpoint_id, d.event_id, d.attempt`),
      [now, leaseUntil, limit],
    );
    return returnedRows<ClaimedDelivery>(result);
  }

  /** 2xx answers, several in one statement: those attempts succeeded and their endpoints are no longer failing. */
  async succeeded(outcomes: { id: string; responseStatus: number | null; durationMs: number; at: Date }[]): Promise<void> {
    await this.tx.manager.query(
      prepared(`WITH s AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, response_status int, duration_ms int, at timestamptz)),
       d AS (
         UPDATE webhook_deliveries w SET status = 'succeeded', response_status = s.response_status, duration_ms = s.duration_ms, attempted_at = s.at,
                locked_until = NULL, next_attempt_at = NULL
           FROM s WHERE w.id = s.id AND w.status = 'pending' RETURNING w.endpoint_id)
       UPDATE webhook_endpoints SET failing_since = NULL WHERE id IN (SELECT endpoint_id FROM d) AND failing_since IS NOT NULL`),
      [JSON.stringify(outcomes.map((o) => ({ id: o.id, response_status: o.responseStatus, duration_ms: o.durationMs, at: o.at })))],
    );
  }

  /**
   * A failed attempt, in one statement: the next attempt scheduled at `next` (none after the last),
   * and the endpoint marked failing since its first failure; disabled once that is `disableBefore` or earlier.
   */
  async failed(
    id: string,
    outcome: { responseStatus: number | null; durationMs: number; error: string | null },
    at: Date,
    next: (attempt: number) => Date | null,
    disableBefore: Date,
    reason: string,
  ): Promise<void> {
    const [row] = (await this.tx.manager.query(`SELECT attempt FROM webhook_deliveries WHERE id = $1`, [id])) as { attempt: number }[];
    if (!row) return;
    await this.tx.manager.query(
      `WITH d AS (
         UPDATE webhook_deliveries SET status = 'failed', response_status = $2, duration_ms = $3, error = $4, attempted_at = $5, locked_until = NULL, next_attempt_at = NULL
          WHERE id = $1 AND status = 'pending' RETURNING endpoint_id, event_id, event_type, attempt),
       n AS (
         INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, created_at, next_attempt_at)
         SELECT $6, endpoint_id, event_id, event_type, attempt + 1, 'pending', $5, $7 FROM d WHERE $7::timestamptz IS NOT NULL)
       UPDATE webhook_endpoints w SET failing_since = coalesce(w.failing_since, $5),
              status = CASE WHEN coalesce(w.failing_since, $5) <= $8 THEN 'disabled' ELSE w.status END,
              disabled_reason = CASE WHEN coalesce(w.failing_since, $5) <= $8 AND w.status = 'enabled' THEN $9 ELSE w.disabled_reason END
         FROM d WHERE w.id = d.endpoint_id`,
      [id, outcome.responseStatus, outcome.durationMs, outcome.error, at, randomUUID(), next(row.attempt), disableBefore, reason],
    );
  }

  /** Newest first. */
  async deliveries(endpointId: string, after: CursorPosition | null, limit: number): Promise<DeliveryRow[]> {
    const params: unknown[] = [endpointId];
    let where = 'endpoint_id = $1';
    if (after) {
      params.push(after.key, after.id);
      where += ' AND (created_at, id) < ($2::timestamptz, $3::uuid)';
    }
    params.push(limit + 1);
    return this.tx.manager.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * A manual retry: the pending attempt of this event is made due now, or a new one is added after
   * the last. Null when the endpoint never had a delivery of the event.
   */
  async retryNow(endpointId: string, eventId: string, now: Date): Promise<DeliveryRow | null> {
    const [row] = (await this.tx.manager.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, created_at, next_attempt_at)
       SELECT $3, endpoint_id, event_id, max(event_type), max(attempt) + 1, 'pending', $4, $4
         FROM webhook_deliveries WHERE endpoint_id = $1 AND event_id = $2 GROUP BY endpoint_id, event_id
       ON CONFLICT (endpoint_id, event_id) WHERE status = 'pending' DO UPDATE SET next_attempt_at = EXCLUDED.next_attempt_at
       RETURNING ${DELIVERY_COLUMNS}`,
      [endpointId, eventId, randomUUID(), now],
    )) as DeliveryRow[];
    return row ?? null;
  }

  /** How far behind schedule the oldest due pending attempt is, in seconds (0: none). */
  async oldestDueAgeSeconds(now: Date): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `SELECT min(next_attempt_at) AS due FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1`,
      [now],
    )) as {
      due: Date | null;
    }[];
    return row?.due ? Math.max(0, (now.getTime() - new Date(row.due).getTime()) / 1000) : 0;
  }
}
