import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { prepared, returnedRows } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import type { CreditBalance, CreditUse } from './credit-allocation';
import { CreditRedemptionEntity } from './credit-redemption.entity';
import { CreditEntity } from './credit.entity';
import type { OrderCreditDto } from './dto/order.dto';

export type NewCredit = Pick<CreditEntity, 'id' | 'buyerId' | 'orderId' | 'claimId' | 'amountMinor' | 'reason' | 'issuedAt' | 'expiresAt'>;

/** Row locks on credits are always taken in spending order, so bookings and cancels cannot deadlock. */
const SPENDING_ORDER = 'ORDER BY expires_at, issued_at, id';

/**
 * The credits aggregate: credits and what orders took from them (credit_redemptions, SPEC §6.6).
 * Unique indexes make "once per order / per claim" hold under any race. Concurrency of spending: a
 * booking locks the buyer's spendable credits (FOR UPDATE, in spending order) before it allocates,
 * so a second booking waits and then sees what the first left. The decrement is still conditional
 * and the CHECK keeps 0 ≤ remaining ≤ amount, so even a caller that skipped the lock could not spend
 * a cent twice.
 */
@Injectable()
export class CreditsRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** False when the order already has its late-delivery credit (or the claim its credit). */
  async insert(c: NewCredit): Promise<boolean> {
    const result = await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(CreditEntity)
      .values({ ...c, remainingMinor: c.amountMinor })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  /** The credits with these ids, in spending order (an event's object after the change, SPEC §11). */
  byIds(ids: readonly string[]): Promise<CreditEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx.manager.find(CreditEntity, { where: { id: In([...ids]) }, order: { expiresAt: 'ASC', issuedAt: 'ASC', id: 'ASC' } });
  }

  /** The buyer's credits, newest first, keyset on (issued_at, id). */
  page(buyerId: string, after: { key: string; id: string } | null, limit: number): Promise<CreditEntity[]> {
    const qb = this.tx.manager.createQueryBuilder(CreditEntity, 'c').where('c.buyerId = :buyerId', { buyerId });
    if (after) qb.andWhere('(c.issued_at, c.id) < (:afterKey::timestamptz, :afterId::uuid)', { afterKey: after.key, afterId: after.id });
    return qb
      .orderBy('c.issuedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** The sum of the buyer's spendable credits' remaining_minor (SPEC §6.6). */
  async balance(buyerId: string, now: Date): Promise<number> {
    const row = await this.tx.manager
      .createQueryBuilder(CreditEntity, 'c')
      .select('coalesce(sum(c.remaining_minor), 0)::bigint', 'balance')
      .where('c.buyerId = :buyerId AND c.remainingMinor > 0 AND c.expiresAt > :now', { buyerId, now })
      .getRawOne<{ balance: string }>();
    return Number(row!.balance);
  }

  /** The buyer's spendable credits, locked, in spending order. */
  async lockSpendable(buyerId: string, now: Date): Promise<CreditBalance[]> {
    const rows = await this.tx.manager
      .createQueryBuilder(CreditEntity, 'c')
      .where('c.buyerId = :buyerId AND c.remainingMinor > 0 AND c.expiresAt > :now', { buyerId, now })
      .orderBy('c.expiresAt')
      .addOrderBy('c.issuedAt')
      .addOrderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
    return rows.map((r) => ({ id: r.id, remainingMinor: r.remainingMinor, issuedAt: r.issuedAt, expiresAt: r.expiresAt }));
  }

  /**
   * Takes each use from its credit and records it, sets the order's credit_applied_minor to the sum
   * the database accepted and adds the `credits_applied` timeline entry, in one statement. Answers how
   * many uses were accepted: fewer than asked means a credit no longer had the amount (or had
   * expired), and the caller must roll back.
   */
  async redeem(orderId: string, uses: CreditUse[], now: Date, note: string): Promise<number> {
    const rows = (await this.tx.manager.query(
      prepared(`WITH a AS (SELECT * FROM unnest($2::uuid[], $3::bigint[]) AS a (credit_id, amount)),
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
       SELECT $1, id, amount, $4 FROM d RETURNING credit_id`),
      [orderId, uses.map((u) => u.creditId), uses.map((u) => u.amountMinor), now, note],
    )) as { credit_id: string }[];
    return rows.length;
  }

  /**
   * Gives every not-yet-restored redemption of the order back to its credit and marks it restored;
   * the ids of the credits restored.
   * A credit past its expiry gets its amount back but stays expired (status is computed from the date).
   */
  async restore(orderId: string, now: Date): Promise<string[]> {
    const m = this.tx.manager;
    await m.query(
      `SELECT id FROM credits WHERE id IN (SELECT credit_id FROM credit_redemptions WHERE order_id = $1 AND restored_at IS NULL)
        ${SPENDING_ORDER} FOR UPDATE`,
      [orderId],
    );
    const rows: unknown = await m.query(
      `WITH r AS (
         UPDATE credit_redemptions SET restored_at = $2 WHERE order_id = $1 AND restored_at IS NULL RETURNING credit_id, amount_minor
       )
       UPDATE credits c SET remaining_minor = c.remaining_minor + r.amount_minor FROM r WHERE c.id = r.credit_id RETURNING c.id`,
      [orderId, now],
    );
    return returnedRows<{ id: string }>(rows).map((r) => r.id);
  }

  /** What each order used, in spending order. */
  async ofOrders(orderIds: string[]): Promise<Map<string, OrderCreditDto[]>> {
    const byOrder = new Map<string, OrderCreditDto[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = await this.tx.manager
      .createQueryBuilder(CreditRedemptionEntity, 'r')
      .innerJoin(CreditEntity, 'c', 'c.id = r.creditId')
      .where('r.orderId IN (:...orderIds)', { orderIds })
      .orderBy('r.orderId')
      .addOrderBy('c.expiresAt')
      .addOrderBy('c.issuedAt')
      .addOrderBy('c.id')
      .getMany();
    for (const r of rows) byOrder.get(r.orderId)!.push({ creditId: r.creditId, amountMinor: r.amountMinor, restoredAt: r.restoredAt });
    return byOrder;
  }
}
