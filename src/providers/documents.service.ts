import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { ConflictError, InvalidInputError, NotFoundError, type FieldError } from '../common/errors/domain-error';
import type { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import type { Page } from '../common/pagination/pagination';
import { pageByCreatedAt } from '../common/pagination/keyset';
import { assertIsProvider, assertProviderAccess } from './access';
import type { CreateDocumentDto, DocumentDto, ReviewDocumentDto } from './dto/document.dto';
import { ProviderDocumentEntity } from './provider-document.entity';
import { ProviderEntity } from './provider.entity';
import { toDocumentDto } from './providers.mapper';
import { QualificationService } from './qualification.service';
import type { DocumentType, Mode } from './qualification';
import { BookableLanesService } from './bookable-lanes.service';
import { EventLog } from '../events/event-log';

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly qualification: QualificationService,
    private readonly bookable: BookableLanesService,
    private readonly events: EventLog,
  ) {}

  async upload(caller: Principal, providerId: string, input: CreateDocumentDto): Promise<DocumentDto> {
    assertIsProvider(caller, providerId);
    const errors: FieldError[] = [];
    if (input.expiresAt <= input.issuedAt) errors.push({ field: 'expiresAt', message: `must be after issuedAt (${input.issuedAt})` });
    const freight = input.type === 'freight_licence';
    if (freight && input.modes === undefined) errors.push({ field: 'modes', message: 'required for a freight_licence' });
    if (!freight && input.modes !== undefined) errors.push({ field: 'modes', message: 'only for a freight_licence' });
    if (input.coverageUsd !== undefined && input.type !== 'liability_insurance') {
      errors.push({ field: 'coverageUsd', message: 'only for a liability_insurance' });
    }
    if (errors.length > 0) throw new InvalidInputError('The document is invalid; see errors.', errors);

    const repo = this.dataSource.getRepository(ProviderDocumentEntity);
    if (!(await this.dataSource.getRepository(ProviderEntity).existsBy({ id: providerId }))) throw new NotFoundError('Provider');
    const saved = await repo.save(
      repo.create({
        providerId,
        type: input.type as DocumentType,
        number: input.number.trim(),
        modes: freight ? (input.modes as Mode[]) : null,
        coverageUsd: input.coverageUsd ?? null,
        issuedAt: input.issuedAt,
        expiresAt: input.expiresAt,
        fileRef: input.fileRef,
      }),
    );
    return toDocumentDto(await repo.findOneByOrFail({ id: saved.id }));
  }

  async list(caller: Principal, providerId: string, query: PaginationQueryDto): Promise<Page<DocumentDto>> {
    assertProviderAccess(caller, providerId);
    if (!(await this.dataSource.getRepository(ProviderEntity).existsBy({ id: providerId }))) throw new NotFoundError('Provider');
    const limit = query.limit ?? 50;
    const qb = this.dataSource.getRepository(ProviderDocumentEntity).createQueryBuilder('d').where('d.provider_id = :providerId', { providerId });
    return pageByCreatedAt(qb, 'd', query.cursor, limit, toDocumentDto);
  }

  /**
   * An admin's decision. The conditional UPDATE (still pending?) decides between two reviewers; the
   * provider's qualification is re-checked in the same transaction.
   */
  async review(documentId: string, input: ReviewDocumentDto, now: Date): Promise<DocumentDto> {
    const { document, statusChanged } = await this.dataSource.transaction(async (m) => {
      const current = await m.findOneBy(ProviderDocumentEntity, { id: documentId });
      if (!current) throw new NotFoundError('Document');
      const insurance = current.type === 'liability_insurance';
      if (input.coverageUsd !== undefined && !insurance) {
        throw new InvalidInputError('coverageUsd is recorded only on liability insurance.', [{ field: 'coverageUsd', message: 'only for a liability_insurance' }]);
      }
      const coverageUsd = input.coverageUsd ?? current.coverageUsd;
      if (insurance && input.decision === 'verified' && coverageUsd === null) {
        throw new InvalidInputError('Verifying insurance needs its cover.', [{ field: 'coverageUsd', message: 'required to verify a liability_insurance' }]);
      }
      const result = await m
        .createQueryBuilder()
        .update(ProviderDocumentEntity)
        .set({ status: input.decision as 'verified' | 'rejected', reason: input.reason ?? null, reviewedAt: now, coverageUsd })
        .where('id = :id AND status = :pending', { id: documentId, pending: 'pending' })
        .execute();
      if (!result.affected) throw new ConflictError('document_already_reviewed', `The document was already ${current.status}.`);
      const check = await this.qualification.checkIn(m, current.providerId, now);
      const document = await m.findOneByOrFail(ProviderDocumentEntity, { id: documentId });
      await this.events.record(m, 'document.reviewed', toDocumentDto(document), { providerId: current.providerId });
      return { document, statusChanged: check.statusChanged };
    });
    if (statusChanged) this.bookable.invalidate();
    return toDocumentDto(document);
  }
}
