import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/sql';
import { TransactionContext } from '../database/transaction-context';
import type { TierPolicy } from './tier-policy';
import { TierPolicyEntity } from './tier-policy.entity';

/** The SQL of `tier_policies`: immutable versions, a publish is a new row. */
@Injectable()
export class TierPolicyRepository {
  constructor(private readonly tx: TransactionContext) {}

  async latestVersion(manager: EntityManager = this.tx.manager): Promise<number> {
    const row = await manager
      .createQueryBuilder(TierPolicyEntity, 'p')
      .select('max(p.version)', 'version')
      .getRawOne<{ version: number }>();
    return row!.version;
  }

  find(version: number, manager: EntityManager = this.tx.manager): Promise<TierPolicyEntity> {
    return manager.findOneByOrFail(TierPolicyEntity, { version });
  }

  /** Inserts version max + 1 in one statement; null when another publish took that number at the same moment. */
  async insertNext(
    document: Omit<TierPolicy, 'version'>,
    publishedBy: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<number | null> {
    try {
      const rows = (await manager.query(
        `INSERT INTO tier_policies (version, document, published_by)
         SELECT coalesce(max(version), 0) + 1, $1::jsonb, $2 FROM tier_policies RETURNING version`,
        [JSON.stringify(document), publishedBy],
      )) as { version: number }[];
      return rows[0].version;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
}
