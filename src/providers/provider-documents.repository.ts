import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pageByCreatedAt } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import { ProviderDocumentEntity } from './provider-document.entity';

export type NewDocument = Pick<
  ProviderDocumentEntity,
  'providerId' | 'type' | 'number' | 'modes' | 'coverageUsd' | 'issuedAt' | 'expiresAt' | 'fileRef'
>;

/** The SQL of `provider_documents`. */
@Injectable()
export class ProviderDocumentsRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insert(document: NewDocument, manager: EntityManager = this.tx.manager): Promise<ProviderDocumentEntity> {
    const saved = await manager.save(manager.create(ProviderDocumentEntity, document));
    return manager.findOneByOrFail(ProviderDocumentEntity, { id: saved.id });
  }

  find(id: string, manager: EntityManager = this.tx.manager): Promise<ProviderDocumentEntity | null> {
    return manager.findOneBy(ProviderDocumentEntity, { id });
  }

  ofProvider(providerId: string, manager: EntityManager = this.tx.manager): Promise<ProviderDocumentEntity[]> {
    return manager.find(ProviderDocumentEntity, { where: { providerId } });
  }

  page<T>(providerId: string, query: { cursor?: string; limit: number }, map: (d: ProviderDocumentEntity) => T): Promise<Page<T>> {
    const qb = this.tx.manager.createQueryBuilder(ProviderDocumentEntity, 'd').where('d.provider_id = :providerId', { providerId });
    return pageByCreatedAt(qb, 'd', query.cursor, query.limit, map);
  }

  /** pending → verified | rejected as one conditional UPDATE: of two reviewers exactly one matches (false: already reviewed). */
  async review(
    id: string,
    change: Pick<ProviderDocumentEntity, 'status' | 'reason' | 'reviewedAt' | 'coverageUsd'>,
    manager: EntityManager = this.tx.manager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ProviderDocumentEntity)
      .set(change)
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return !!result.affected;
  }
}
