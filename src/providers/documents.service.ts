import { Injectable } from '@nestjs/common';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { ConflictError, InvalidInputError, NotFoundError, type FieldError } from '../common/errors/domain-error';
import type { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import type { Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import type { CreateDocumentDto, DocumentDto, ReviewDocumentDto } from './dto/document.dto';
import { ProviderDocumentsRepository } from './provider-documents.repository';
import { ProvidersRepository } from './providers.repository';
import { toDocumentDto } from './providers.mapper';
import { QualificationService } from './qualification.service';
import type { DocumentType, Mode } from './qualification';
import { EventLog } from '../events/event-log';

@Injectable()
export class DocumentsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly documents: ProviderDocumentsRepository,
    private readonly providers: ProvidersRepository,
    private readonly qualification: QualificationService,
    private readonly events: EventLog,
  ) {}

  async upload(caller: Principal, providerId: string, input: CreateDocumentDto): Promise<DocumentDto> {
    requireAccess(caller, 'providerSelf', providerId);
    const errors: FieldError[] = [];
    if (input.expiresAt <= input.issuedAt) errors.push({ field: 'expiresAt', message: `must be after issuedAt (${input.issuedAt})` });
    const freight = input.type === 'freight_licence';
    if (freight && input.modes === undefined) errors.push({ field: 'modes', message: 'required for a freight_licence' });
    if (!freight && input.modes !== undefined) errors.push({ field: 'modes', message: 'only for a freight_licence' });
    if (input.coverageUsd !== undefined && input.type !== 'liability_insurance') {
      errors.push({ field: 'coverageUsd', message: 'only for a liability_insurance' });
    }
    if (errors.length > 0) throw new InvalidInputError('The document is invalid; see errors.', errors);

    if (!(await this.providers.exists(providerId))) throw new NotFoundError('Provider');
    const saved = await this.documents.insert({
      providerId,
      type: input.type as DocumentType,
      number: input.number.trim(),
      modes: freight ? (input.modes as Mode[]) : null,
      coverageUsd: input.coverageUsd ?? null,
      issuedAt: input.issuedAt,
      expiresAt: input.expiresAt,
      fileRef: input.fileRef,
    });
    return toDocumentDto(saved);
  }

  async list(caller: Principal, providerId: string, query: PaginationQueryDto): Promise<Page<DocumentDto>> {
    requireAccess(caller, 'provider', providerId);
    if (!(await this.providers.exists(providerId))) throw new NotFoundError('Provider');
    return this.documents.page(providerId, { cursor: query.cursor, limit: query.limit ?? 50 }, toDocumentDto);
  }

  /**
   * An admin's decision. The conditional UPDATE (still pending?) decides between two reviewers; the
   * provider's qualification is re-checked in the same transaction (a status change reaches this
   * instance's market after the commit, by the check itself).
   */
  async review(documentId: string, input: ReviewDocumentDto, now: Date): Promise<DocumentDto> {
    const document = await this.tx.run(async (m) => {
      const current = await this.documents.find(documentId, m);
      if (!current) throw new NotFoundError('Document');
      const insurance = current.type === 'liability_insurance';
      if (input.coverageUsd !== undefined && !insurance) {
        throw new InvalidInputError('coverageUsd is recorded only on liability insurance.', [
          { field: 'coverageUsd', message: 'only for a liability_insurance' },
        ]);
      }
      const coverageUsd = input.coverageUsd ?? current.coverageUsd;
      if (insurance && input.decision === 'verified' && coverageUsd === null) {
        throw new InvalidInputError('Verifying insurance needs its cover.', [
          { field: 'coverageUsd', message: 'required to verify a liability_insurance' },
        ]);
      }
      const reviewed = await this.documents.review(
        documentId,
        { status: input.decision as 'verified' | 'rejected', reason: input.reason ?? null, reviewedAt: now, coverageUsd },
        m,
      );
      if (!reviewed) throw new ConflictError('document_already_reviewed', `The document was already ${current.status}.`);
      await this.qualification.checkIn(m, current.providerId, now);
      const document = (await this.documents.find(documentId, m))!;
      await this.events.record('document.reviewed', toDocumentDto(document), { providerId: current.providerId });
      return document;
    });
    return toDocumentDto(document);
  }
}
