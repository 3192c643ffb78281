import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pageByCreatedAt } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/pagination';
import { isUniqueViolation, prepared } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import { LaneEntity } from './lane.entity';
import type { ProviderStatus } from './qualification';
import type { Mode } from './rate-card';

/** The SQL of `lanes`. Lanes are deactivated, never deleted. */
@Injectable()
export class LanesRepository {
  constructor(private readonly tx: TransactionContext) {}

  create(fields: Partial<LaneEntity>, manager: EntityManager = this.tx.manager): LaneEntity {
    return manager.create(LaneEntity, fields);
  }

  /** Inserts or updates; null when the partial unique index refuses a second active lane (no check in JavaScript). */
  async save(lane: LaneEntity, manager: EntityManager = this.tx.manager): Promise<LaneEntity | null> {
    try {
      return await manager.save(lane);
    } catch (error) {
      if (isUniqueViolation(error, 'lanes_active_unique')) return null;
      throw error;
    }
  }

  find(id: string, manager: EntityManager = this.tx.manager): Promise<LaneEntity | null> {
    return manager.findOneBy(LaneEntity, { id });
  }

  exists(id: string, providerId: string, manager: EntityManager = this.tx.manager): Promise<boolean> {
    return manager.existsBy(LaneEntity, { id, providerId });
  }

  /** The provider's own lane, locked for a change. */
  findOwnForUpdate(id: string, providerId: string, manager: EntityManager = this.tx.manager): Promise<LaneEntity | null> {
    return manager.findOne(LaneEntity, { where: { id, providerId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The routes of the provider's active lanes, for qualification (§4.3). */
  activeRoutes(providerId: string, manager: EntityManager = this.tx.manager): Promise<{ destinationCountry: string; mode: Mode }[]> {
    return manager.find(LaneEntity, { where: { providerId, active: true }, select: { destinationCountry: true, mode: true } });
  }

  page<T>(providerId: string, query: { cursor?: string; limit: number }, map: (l: LaneEntity) => T): Promise<Page<T>> {
    const qb = this.tx.manager.createQueryBuilder(LaneEntity, 'l').where('l.provider_id = :providerId', { providerId });
    return pageByCreatedAt(qb, 'l', query.cursor, query.limit, map);
  }

  /** Deactivates one own active lane; false when it was not active (or not the provider's). */
  async deactivate(id: string, providerId: string, now: Date, manager: EntityManager = this.tx.manager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(LaneEntity)
      .set({ active: false, deactivatedAt: now })
      .where('id = :id AND provider_id = :providerId AND active', { id, providerId })
      .execute();
    return !!result.affected;
  }

  /** Deactivates every active lane of the provider (§7 at 36 points); how many were active. */
  async deactivateAll(providerId: string, now: Date, manager: EntityManager = this.tx.manager): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(LaneEntity)
      .set({ active: false, deactivatedAt: now, updatedAt: now })
      .where('provider_id = :providerId AND active', { providerId })
      .execute();
    return result.affected ?? 0;
  }

  /** A lane's `active` flag with its provider's listing inputs, for booking (SPEC §6.1); null when the lane is not the provider's. */
  async bookability(
    providerId: string,
    laneId: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<{ active: boolean; status: ProviderStatus; restrictedUntil: Date | null } | null> {
    // Parameterised SQL: booking's hot read.
    const rows = (await manager.query(
      prepared(`SELECT l.active, p.status, p.restricted_until FROM lanes l JOIN providers p ON p.id = l.provider_id
        WHERE l.id = $1 AND l.provider_id = $2`),
      [laneId, providerId],
    )) as { active: boolean; status: ProviderStatus; restricted_until: Date | null }[];
    const row = rows[0];
    return row ? { active: row.active, status: row.status, restrictedUntil: row.restricted_until } : null;
  }
}
