import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { TransactionContext } from '../../database/transaction-context';
import { ApiKeyEntity } from './api-key.entity';
import type { Principal, Role } from './principal';

export type NewApiKey = Pick<ApiKeyEntity, 'prefix' | 'hash' | 'role' | 'subjectId' | 'label'>;

/** The SQL of `api_keys` (only hashes and display prefixes are stored). */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** The principal of an unrevoked key with this hash, or null. */
  async principalOf(hash: string): Promise<Principal | null> {
    const row = await this.tx.manager.findOne(ApiKeyEntity, {
      where: { hash, revokedAt: IsNull() },
      select: { id: true, role: true, subjectId: true },
    });
    return row ? { keyId: row.id, role: row.role, subjectId: row.subjectId } : null;
  }

  async insert(key: NewApiKey, manager: EntityManager = this.tx.manager): Promise<ApiKeyEntity> {
    return manager.save(manager.create(ApiKeyEntity, key));
  }

  /** Inserts the key unless one with its hash exists (operator-chosen secrets: kept across starts). */
  async insertIfAbsent(key: NewApiKey): Promise<void> {
    await this.tx.manager.createQueryBuilder().insert().into(ApiKeyEntity).values(key).orIgnore().execute();
  }

  /** Revokes an unrevoked key (a party's own only, when `owner` is given); the hashes revoked. */
  async revoke(id: string, owner: { role: Role; subjectId: string | null } | null): Promise<string[]> {
    const qb = this.tx.manager
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND revoked_at IS NULL', { id })
      .returning(['hash']);
    if (owner) qb.andWhere('role = :role AND subject_id = :subjectId', { role: owner.role, subjectId: owner.subjectId });
    const result = await qb.execute();
    return (result.raw as { hash: string }[]).map((r) => r.hash);
  }
}
