import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { pageByCreatedAt } from '../common/pagination/keyset';
import { decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { prepared } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import { BuyerEvidenceEntity } from './buyer-evidence.entity';
import { BuyerTierHistoryEntity } from './buyer-tier-history.entity';
import { BuyerEntity } from './buyer.entity';
import type { TierCode } from './tier-policy';

/** The tier columns written by an evaluation. */
export type TierSnapshot = Pick<
  BuyerEntity,
  'id' | 'tier' | 'policyVersion' | 'evaluatedAt' | 'validUntil' | 'reevaluateAt' | 'tierBasis' | 'tierNext'
>;

const BUYER_BY_ID = prepared(`SELECT id, company_name AS "companyName", country, contact_email AS "contactEmail", tier,
  policy_version AS "policyVersion", evaluated_at AS "evaluatedAt", valid_until AS "validUntil", reevaluate_at AS "reevaluateAt",
  tier_basis AS "tierBasis", tier_next AS "tierNext", created_at AS "createdAt" FROM buyers WHERE id = $1`);

/** The SQL of the buyers module: buyers, evidence and tier history. */
@Injectable()
export class BuyersRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** The hot read (GET tier, tierOf): plain SQL on the primary key, no ORM hydration. */
  async findBuyer(id: string): Promise<BuyerEntity | null> {
    const rows = (await this.tx.manager.query(BUYER_BY_ID, [id])) as BuyerEntity[];
    return rows[0] ?? null;
  }

  /** Admin list, oldest first, keyset on (created_at, id); `tier` uses the (tier, created_at, id) index. */
  async listBuyers(query: { tier?: TierCode; limit: number; cursor?: string }): Promise<Page<BuyerEntity>> {
    const qb = this.tx.manager.createQueryBuilder(BuyerEntity, 'b');
    if (query.tier) qb.andWhere('b.tier = :tier', { tier: query.tier });
    return pageByCreatedAt(qb, 'b', query.cursor, query.limit, (b) => b);
  }

  /** A new buyer (its first tier snapshot included), as stored. */
  async insertBuyer(
    buyer: Pick<BuyerEntity, 'companyName' | 'country' | 'contactEmail'> & Omit<TierSnapshot, 'id'>,
    manager: EntityManager = this.tx.manager,
  ): Promise<BuyerEntity> {
    const saved = await manager.save(manager.create(BuyerEntity, buyer));
    return manager.findOneByOrFail(BuyerEntity, { id: saved.id });
  }

  /** New pending evidence, as stored. */
  async insertEvidence(
    evidence: Pick<BuyerEvidenceEntity, 'buyerId' | 'type' | 'value' | 'documentRef'>,
    manager: EntityManager = this.tx.manager,
  ): Promise<BuyerEvidenceEntity> {
    const saved = await manager.save(manager.create(BuyerEvidenceEntity, { ...evidence, status: 'pending' }));
    return manager.findOneByOrFail(BuyerEvidenceEntity, { id: saved.id });
  }

  findEvidence(id: string, manager: EntityManager = this.tx.manager): Promise<BuyerEvidenceEntity | null> {
    return manager.findOneBy(BuyerEvidenceEntity, { id });
  }

  async listEvidence(buyerId: string, query: { limit: number; cursor?: string }): Promise<Page<BuyerEvidenceEntity>> {
    const qb = this.tx.manager.createQueryBuilder(BuyerEvidenceEntity, 'e').where('e.buyerId = :buyerId', { buyerId });
    return pageByCreatedAt(qb, 'e', query.cursor, query.limit, (e) => e);
  }

  /**
   * pending → verified | rejected as one conditional UPDATE: of two concurrent reviews exactly one
   * matches a row; the other gets null (→ 409), never a second write.
   */
  async reviewEvidence(
    manager: EntityManager,
    id: string,
    change: Pick<BuyerEvidenceEntity, 'status' | 'reason' | 'verifiedAt' | 'expiresAt' | 'reviewedAt' | 'reviewedBy'>,
  ): Promise<BuyerEvidenceEntity | null> {
    const result = await manager
      .createQueryBuilder()
      .update(BuyerEvidenceEntity)
      .set(change)
      .where("id = :id AND status = 'pending'", { id })
      .returning('*')
      .execute();
    const rows = result.raw as unknown[];
    return rows.length === 0 ? null : manager.findOneByOrFail(BuyerEvidenceEntity, { id });
  }

  /** Locks the buyers (in id order, so concurrent re-evaluations cannot deadlock). */
  lockBuyers(manager: EntityManager, ids: string[]): Promise<BuyerEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(BuyerEntity, 'b')
      .where('b.id IN (:...ids)', { ids })
      .orderBy('b.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  evidenceOf(manager: EntityManager, buyerIds: string[]): Promise<BuyerEvidenceEntity[]> {
    return manager.find(BuyerEvidenceEntity, { where: { buyerId: In(buyerIds) } });
  }

  /** Buyers whose snapshot went stale by `asOf` (partial index on reevaluate_at). */
  async dueForReevaluation(manager: EntityManager, asOf: Date, limit: number): Promise<string[]> {
    const rows = (await manager.query('SELECT id FROM buyers WHERE reevaluate_at <= $1 ORDER BY reevaluate_at, id LIMIT $2', [
      asOf,
      limit,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async onOlderPolicy(manager: EntityManager, version: number, limit: number): Promise<string[]> {
    const rows = (await manager.query('SELECT id FROM buyers WHERE policy_version < $1 LIMIT $2', [version, limit])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** One UPDATE for a whole batch of snapshots. */
  async saveSnapshots(manager: EntityManager, snapshots: TierSnapshot[]): Promise<void> {
    if (snapshots.length === 0) return;
    const rows = snapshots.map((s) => ({
      id: s.id,
      tier: s.tier,
      policy_version: s.policyVersion,
      evaluated_at: s.evaluatedAt.toISOString(),
      valid_until: s.validUntil?.toISOString() ?? null,
      reevaluate_at: s.reevaluateAt?.toISOString() ?? null,
      tier_basis: s.tierBasis,
      tier_next: s.tierNext,
    }));
    await manager.query(
      `UPDATE buyers b SET tier = x.tier, policy_version = x.policy_version, evaluated_at = x.evaluated_at,
              valid_until = x.valid_until, reevaluate_at = x.reevaluate_at, tier_basis = x.tier_basis, tier_next = x.tier_next
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, tier varchar, policy_version integer, evaluated_at timestamptz,
              valid_until timestamptz, reevaluate_at timestamptz, tier_basis jsonb, tier_next jsonb)
       WHERE b.id = x.id`,
      [JSON.stringify(rows)],
    );
  }

  async insertHistory(manager: EntityManager, rows: Omit<BuyerTierHistoryEntity, 'id' | 'seq'>[]): Promise<void> {
    if (rows.length > 0) await manager.insert(BuyerTierHistoryEntity, rows);
  }

  async listHistory(buyerId: string, query: { limit: number; cursor?: string }): Promise<Page<BuyerTierHistoryEntity>> {
    const position = decodeCursor(query.cursor, 'sequence');
    const qb = this.tx.manager.createQueryBuilder(BuyerTierHistoryEntity, 'h').where('h.buyerId = :buyerId', { buyerId });
    if (position) {
      qb.andWhere('h.seq > :seq', { seq: position.key });
    }
    const rows = await qb
      .orderBy('h.seq', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(
      rows,
      query.limit,
      (r) => ({ key: String(r.seq), id: r.id }),
      (r) => r,
    );
  }
}
