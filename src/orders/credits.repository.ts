import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/sql';
import { creditStatus } from './credit-allocation';
import type { ClaimDto, CreditDto } from './dto/claim.dto';

export interface NewCredit {
  id: string;
  buyerId: string;
  orderId: string | null;
  claimId: string | null;
  amountMinor: number;
  reason: string;
  issuedAt: Date;
  expiresAt: Date;
}

interface CreditRow {
  id: string;
  buyer_id: string;
  order_id: string | null;
  claim_id: string | null;
  amount_minor: string;
  remaining_minor: string;
  currency: string;
  reason: string;
  issued_at: Date;
  expires_at: Date;
}

interface ClaimRow {
  id: string;
  order_id: string;
  buyer_id: string;
  type: ClaimDto['type'];
  status: string;
  description: string | null;
  asked_minor: string | null;
  approved_minor: string | null;
  reason: string | null;
  created_at: Date;
  reviewed_at: Date | null;
  credit_id: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** The SQL of credits and claims. Unique indexes make "once per order" hold under any race. */
export const creditsRepository = {
  /** False when the order already has its late-delivery credit (or the claim its credit). */
  async insert(m: EntityManager, c: NewCredit): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO credits (id, buyer_id, order_id, claim_id, amount_minor, remaining_minor, reason, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [c.id, c.buyerId, c.orderId, c.claimId, c.amountMinor, c.reason, c.issuedAt, c.expiresAt],
    )) as unknown[];
    return rows.length === 1;
  },

  /** The credits with these ids (an event's object after the change). */
  async byIds(m: EntityManager, ids: string[]): Promise<CreditRow[]> {
    return m.query(
      `SELECT id, buyer_id, order_id, claim_id, amount_minor, remaining_minor, currency, reason, issued_at, expires_at FROM credits WHERE id = ANY($1::uuid[]) ORDER BY expires_at, issued_at, id`,
      [ids],
    );
  },

  async page(m: EntityManager, buyerId: string, after: { key: string; id: string } | null, limit: number): Promise<CreditRow[]> {
    const params: unknown[] = [buyerId];
    let where = 'buyer_id = $1';
    if (after) {
      params.push(after.key, after.id);
      where += ' AND (issued_at, id) < ($2::timestamptz, $3::uuid)';
    }
    params.push(limit + 1);
    return m.query(
      `SELECT id, buyer_id, order_id, claim_id, amount_minor, remaining_minor, currency, reason, issued_at, expires_at FROM credits
        WHERE ${where} ORDER BY issued_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  },

  /** The sum of the buyer's spendable credits' remaining_minor (SPEC §6.6). */
  async balance(m: EntityManager, buyerId: string, now: Date): Promise<number> {
    const [row] = (await m.query(
      `SELECT coalesce(sum(remaining_minor), 0)::bigint AS balance FROM credits WHERE buyer_id = $1 AND remaining_minor > 0 AND expires_at > $2`,
      [buyerId, now],
    )) as { balance: string }[];
    return Number(row!.balance);
  },

  /** False when the order already has a claim of this type. */
  async insertClaim(
    m: EntityManager,
    c: { id: string; orderId: string; buyerId: string; type: string; status: string; description: string | null; askedMinor: number | null; approvedMinor: number | null; at: Date },
  ): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO claims (id, order_id, buyer_id, type, status, description, asked_minor, approved_minor, created_at, reviewed_at)
       VALUES ($1, $2, $3, $4, $5::varchar, $6, $7, $8, $9, CASE WHEN $5::varchar = 'pending' THEN NULL ELSE $9::timestamptz END)
       ON CONFLICT (order_id, type) DO NOTHING RETURNING id`,
      [c.id, c.orderId, c.buyerId, c.type, c.status, c.description, c.askedMinor, c.approvedMinor, c.at],
    )) as unknown[];
    return rows.length === 1;
  },

  async findClaim(m: EntityManager, id: string): Promise<ClaimRow | null> {
    const [row] = (await m.query(
      `SELECT c.*, (SELECT id FROM credits WHERE claim_id = c.id) AS credit_id FROM claims c WHERE c.id = $1`,
      [id],
    )) as ClaimRow[];
    return row ?? null;
  },

  /** Conditional: only a pending claim is reviewed, so reviewing twice is refused by the database. */
  async reviewClaim(m: EntityManager, id: string, r: { status: string; approvedMinor: number | null; reason: string | null; at: Date }): Promise<boolean> {
    const result: unknown = await m.query(
      `UPDATE claims SET status = $2, approved_minor = $3, reason = $4, reviewed_at = $5 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, r.status, r.approvedMinor, r.reason, r.at],
    );
    return returnedRows(result).length === 1;
  },
};

export function toCreditDto(row: CreditRow, now: Date): CreditDto {
  return {
    id: row.id,
    buyerId: row.buyer_id,
    orderId: row.order_id,
    claimId: row.claim_id,
    amountMinor: Number(row.amount_minor),
    remainingMinor: Number(row.remaining_minor),
    currency: row.currency,
    reason: row.reason,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    status: creditStatus({ remainingMinor: Number(row.remaining_minor), expiresAt: row.expires_at }, now),
  };
}

export function toClaimDto(row: ClaimRow): ClaimDto {
  return {
    id: row.id,
    orderId: row.order_id,
    type: row.type,
    status: row.status,
    description: row.description,
    askedMinor: num(row.asked_minor),
    approvedMinor: num(row.approved_minor),
    reason: row.reason,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
    creditId: row.credit_id,
  };
}
