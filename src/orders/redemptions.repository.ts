import type { EntityManager } from 'typeorm';
import { returnedRows } from '../database/sql';
import type { CreditBalance, CreditUse } from './credit-allocation';
import type { OrderCreditDto } from './dto/order.dto';

/** Row locks on credits are always taken in spending order, so bookings and cancels cannot deadlock. */
const SPENDING_ORDER = 'ORDER BY expires_at, issued_at, id';

/**
 * The SQL of spending credits (SPEC §6.6). Concurrency: a booking locks the buyer's spendable credits
 * (FOR UPDATE, in spending order) before it allocates, so a second booking waits and then sees what
 * the first left. The decrement is still conditional and the CHECK keeps 0 ≤ remaining ≤ amount, so
 * even a caller that skipped the lock could not spend a cent twice.
 */
export const redemptionsRepository = {
  async lockSpendable(m: EntityManager, buyerId: string, now: Date): Promise<CreditBalance[]> {
    const rows = (await m.query(
      `SELECT id, remaining_minor, issued_at, expires_at FROM credits
        WHERE buyer_id = $1 AND remaining_minor > 0 AND expires_at > $2 ${SPENDING_ORDER} FOR UPDATE`,
      [buyerId, now],
    )) as { id: string; remaining_minor: string; issued_at: Date; expires_at: Date }[];
    return rows.map((r) => ({ id: r.id, remainingMinor: Number(r.remaining_minor), issuedAt: r.issued_at, expiresAt: r.expires_at }));
  },

  /**
   * Takes each use from its credit and records it, sets the order's credit_applied_minor to the sum
   * the database accepted and adds the `credits_applied` timeline entry, in one statement. Answers how
   * many uses were accepted: fewer than asked means a credit no longer had the amount (or had
   * expired), and the caller must roll back.
   */
  async redeem(m: EntityManager, orderId: string, uses: CreditUse[], now: Date, note: string): Promise<number> {
    const rows = (await m.query(
      `WITH a AS (SELECT * FROM unnest($2::uuid[], $3::bigint[]) AS a (credit_id, amount)),
       d AS (
         UPDATE credits c SET remaining_minor = c.remaining_minor - a.amount FROM a
          WHERE c.id = a.credit_id AND c.remaining_minor >= a.amount AND c.expires_at > $4
          RETURNING c.id, a.amount
       ), o AS (
         UPDATE orders SET credit_applied_minor = (SELECT coalesce(sum(amount), 0) FROM d) WHERE id = $1
       ), e AS (
         INSERT INTO order_events (order_id, type, occurred_at, note, recorded_at, recorded_by)
         SELECT $1, 'credits_applied', $4, $5, $4, 'buyer' WHERE EXISTS (SELECT 1 FROM d)
       )
       INSERT INTO credit_redemptions (order_id, credit_id, amount_minor, created_at)
       SELECT $1, id, amount, $4 FROM d RETURNING credit_id`,
      [orderId, uses.map((u) => u.creditId), uses.map((u) => u.amountMinor), now, note],
    )) as unknown[];
    return rows.length;
  },

  /**
   * Gives every not-yet-restored redemption of the order back to its credit and marks it restored.
   * A credit past its expiry gets its amount back but stays expired (status is computed from the date).
   */
  async restore(m: EntityManager, orderId: string, now: Date): Promise<string[]> {
    await m.query(
      `SELECT id FROM credits WHERE id IN (SELECT credit_id FROM credit_redemptions WHERE order_id = $1 AND restored_at IS NULL)
        ${SPENDING_ORDER} FOR UPDATE`,
      [orderId],
    );
    const rows = (await m.query(
      `WITH r AS (
         UPDATE credit_redemptions SET restored_at = $2 WHERE order_id = $1 AND restored_at IS NULL RETURNING credit_id, amount_minor
       )
       UPDATE credits c SET remaining_minor = c.remaining_minor + r.amount_minor FROM r WHERE c.id = r.credit_id RETURNING c.id`,
      [orderId, now],
    )) as unknown;
    return returnedRows(rows).map((r) => (r as { id: string }).id);
  },

  /** What each order used, in spending order. */
  async ofOrders(m: EntityManager, orderIds: string[]): Promise<Map<string, OrderCreditDto[]>> {
    const rows = (await m.query(
      `SELECT r.order_id, r.credit_id, r.amount_minor, r.restored_at FROM credit_redemptions r JOIN credits c ON c.id = r.credit_id
        WHERE r.order_id = ANY($1::uuid[]) ORDER BY r.order_id, c.expires_at, c.issued_at, c.id`,
      [orderIds],
    )) as { order_id: string; credit_id: string; amount_minor: string; restored_at: Date | null }[];
    const byOrder = new Map<string, OrderCreditDto[]>(orderIds.map((id) => [id, []]));
    for (const r of rows) byOrder.get(r.order_id)!.push({ creditId: r.credit_id, amountMinor: Number(r.amount_minor), restoredAt: r.restored_at });
    return byOrder;
  },
};
