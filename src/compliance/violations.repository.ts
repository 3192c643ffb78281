import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { ProviderPoints } from '../providers/provider-points';
import { ViolationEntity } from './violation.entity';

/**
 * Which entries are active at `:now`, in SQL: the ledger's `expires_at` is `entryExpiry(createdAt)`
 * and an entry counts while `now < expiresAt`, exactly as the pure `isActiveEntry` (points.ts) says;
 * test/database/active-points.spec.ts checks both answer alike on the same rows, at the boundary too.
 * The only place this condition is written in SQL.
 */
const ACTIVE = 'v.expires_at > :now';

export type NewViolation = Omit<ViolationEntity, 'id'>;

/** The points ledger (`violations`). Every method runs in the caller's transaction when given one. */
@Injectable()
export class ViolationsRepository extends ProviderPoints {
  constructor(private readonly tx: TransactionContext) {
    super();
  }

  /** Inserts an entry; null when the order already has one of this code (recorded once, even under races). */
  async insert(entry: NewViolation, manager: EntityManager = this.tx.manager): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ViolationEntity)
      .values(entry)
      // The only conflict an insert can meet is violations_order_code (the id is generated).
      .orIgnore()
      .returning(['id'])
      .execute();
    const rows = result.raw as { id: string }[];
    return rows[0]?.id ?? null;
  }

  async activePoints(providerId: string, now: Date, manager: EntityManager = this.tx.manager): Promise<number> {
    return (await this.activePointsOf([providerId], now, manager)).get(providerId) ?? 0;
  }

  /** The ProviderPoints port: active points per provider (0 for none), one grouped query. */
  async activePointsOf(providerIds: readonly string[], now: Date, manager: EntityManager = this.tx.manager): Promise<Map<string, number>> {
    const out = new Map<string, number>(providerIds.map((id) => [id, 0]));
    if (providerIds.length === 0) return out;
    const rows = await manager
      .createQueryBuilder(ViolationEntity, 'v')
      .select('v.provider_id', 'providerId')
      .addSelect('sum(v.points)::int', 'points')
      .where('v.provider_id = ANY(:ids::uuid[])', { ids: [...providerIds] })
      .andWhere(ACTIVE, { now })
      .groupBy('v.provider_id')
      .getRawMany<{ providerId: string; points: number }>();
    for (const r of rows) out.set(r.providerId, r.points);
    return out;
  }

  /** The entries created in [from, to), oldest first (the compliance month). */
  createdBetween(providerId: string, from: Date, to: Date, manager: EntityManager = this.tx.manager): Promise<ViolationEntity[]> {
    return manager
      .createQueryBuilder(ViolationEntity, 'v')
      .where('v.provider_id = :providerId AND v.created_at >= :from AND v.created_at < :to', { providerId, from, to })
      .orderBy('v.created_at')
      .addOrderBy('v.id')
      .getMany();
  }

  /** The entries active at `now`, oldest first. */
  active(providerId: string, now: Date, manager: EntityManager = this.tx.manager): Promise<ViolationEntity[]> {
    return manager
      .createQueryBuilder(ViolationEntity, 'v')
      .where('v.provider_id = :providerId', { providerId })
      .andWhere(ACTIVE, { now })
      .orderBy('v.created_at')
      .addOrderBy('v.id')
      .getMany();
  }
}
