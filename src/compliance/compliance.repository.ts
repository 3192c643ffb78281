import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/sql';
import type { ViolationCode } from './points';

export interface ProviderSanctionRow {
  status: string;
  restricted_until: Date | null;
  demoted_until: Date | null;
}

export interface LedgerEntryRow {
  id: string;
  code: ViolationCode;
  points: number;
  order_id: string | null;
  note: string | null;
  created_at: Date;
  expires_at: Date;
}

/** The SQL of the points ledger. Every function runs in the caller's transaction. */
export const complianceRepository = {
  /** With `lock`, two violations of one provider are added up one after the other. */
  async provider(m: EntityManager, providerId: string, lock = false): Promise<ProviderSanctionRow | null> {
    const [row] = (await m.query(`SELECT status, restricted_until, demoted_until FROM providers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
      providerId,
    ])) as ProviderSanctionRow[];
    return row ?? null;
  },

  async activePoints(m: EntityManager, providerId: string, now: Date): Promise<number> {
    const [row] = (await m.query(`SELECT coalesce(sum(points), 0)::int AS points FROM violations WHERE provider_id = $1 AND expires_at > $2`, [
      providerId,
      now,
    ])) as { points: number }[];
    return row!.points;
  },

  /** Inserts an entry; null when the order already has one of this code (recorded once, even under races). */
  async insertEntry(
    m: EntityManager,
    entry: { providerId: string; code: ViolationCode; points: number; orderId: string | null; note: string | null; createdAt: Date; expiresAt: Date },
  ): Promise<string | null> {
    const rows = (await m.query(
      `INSERT INTO violations (provider_id, code, points, order_id, note, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (order_id, code) WHERE order_id IS NOT NULL DO NOTHING RETURNING id`,
      [entry.providerId, entry.code, entry.points, entry.orderId, entry.note, entry.createdAt, entry.expiresAt],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  },

  async updateSanctions(
    m: EntityManager,
    providerId: string,
    s: { restrictedUntil: Date | null; demotedUntil: Date | null; terminate: boolean },
  ): Promise<void> {
    await m.query(
      `UPDATE providers SET restricted_until = $2, demoted_until = $3,
              status = CASE WHEN $4 THEN 'terminated' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [providerId, s.restrictedUntil, s.demotedUntil, s.terminate],
    );
  },

  async deactivateLanes(m: EntityManager, providerId: string, now: Date): Promise<number> {
    const result: unknown = await m.query(
      `UPDATE lanes SET active = false, deactivated_at = $2, updated_at = $2 WHERE provider_id = $1 AND active RETURNING id`,
      [providerId, now],
    );
    return returnedRows(result).length;
  },

  async insertAction(
    m: EntityManager,
    a: { providerId: string; violationId: string; threshold: number; action: string; restrictedUntil: Date | null; lanesDeactivated: boolean; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO compliance_actions (provider_id, violation_id, threshold, action, restricted_until, lanes_deactivated, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.providerId, a.violationId, a.threshold, a.action, a.restrictedUntil, a.lanesDeactivated, a.at],
    );
  },

  async entries(m: EntityManager, providerId: string, from: Date, to: Date): Promise<LedgerEntryRow[]> {
    return m.query(
      `SELECT id, code, points, order_id, note, created_at, expires_at FROM violations
        WHERE provider_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at, id`,
      [providerId, from, to],
    );
  },

  async activeEntries(m: EntityManager, providerId: string, now: Date): Promise<LedgerEntryRow[]> {
    return m.query(
      `SELECT id, code, points, order_id, note, created_at, expires_at FROM violations
        WHERE provider_id = $1 AND expires_at > $2 ORDER BY created_at, id`,
      [providerId, now],
    );
  },

  async warnings(m: EntityManager, providerId: string): Promise<{ threshold: number; action: string; restricted_until: Date | null; lanes_deactivated: boolean; created_at: Date }[]> {
    return m.query(
      `SELECT threshold, action, restricted_until, lanes_deactivated, created_at FROM compliance_actions
        WHERE provider_id = $1 ORDER BY created_at, threshold`,
      [providerId],
    );
  },
};
