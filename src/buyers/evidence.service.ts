import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { canAccess, type Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/pagination/pagination';
import { BuyerEvidenceEntity } from './buyer-evidence.entity';
import { BuyerTierService } from './buyer-tier.service';
import { BuyersRepository } from './buyers.repository';
import { validateEvidenceValue } from './evidence-value';
import type { EvidenceType } from './tier-evaluation';
import { EventLog } from '../events/event-log';
import { toEvidenceDto } from './buyers.mapper';

/** Verified evidence counts for 365 days unless the admin sets an earlier expiry (§3.1). */
export const EVIDENCE_VALIDITY_MS = 365 * 86_400_000;

export interface SubmitEvidenceInput {
  type: EvidenceType;
  value: unknown;
  documentRef: string;
}

export interface ReviewInput {
  decision: 'verified' | 'rejected';
  reason?: string;
  expiresAt?: string;
}

@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: BuyersRepository,
    private readonly tiers: BuyerTierService,
    private readonly clock: Clock,
    private readonly events: EventLog,
  ) {}

  /** A buyer submits evidence for itself. Re-evaluates so `next` shows it as pending review. */
  async submit(caller: Principal, buyerId: string, input: SubmitEvidenceInput): Promise<BuyerEvidenceEntity> {
    if (!canAccess(caller, 'buyer', buyerId)) throw new NotFoundError('Buyer');
    const now = this.clock.now();
    const errors = validateEvidenceValue(input.type, input.value, now.getUTCFullYear());
    if (errors.length > 0) throw new InvalidInputError(`The value does not fit evidence type ${input.type}; see errors.`, errors);
    return this.dataSource.transaction(async (m) => {
      if ((await this.repo.lockBuyers(m, [buyerId])).length === 0) throw new NotFoundError('Buyer');
      const evidence = await m.save(
        m.create(BuyerEvidenceEntity, { buyerId, type: input.type, value: input.value, documentRef: input.documentRef, status: 'pending' }),
      );
      await this.tiers.refreshOrReevaluate(m, buyerId, { reason: 'evidence_submitted', at: now, evidenceId: evidence.id, detail: `${input.type} evidence ${evidence.id} submitted` });
      return m.findOneByOrFail(BuyerEvidenceEntity, { id: evidence.id });
    });
  }

  async list(caller: Principal, buyerId: string, query: { limit: number; cursor?: string }): Promise<Page<BuyerEvidenceEntity>> {
    if (!canAccess(caller, 'buyer', buyerId) || !(await this.repo.findBuyer(buyerId))) throw new NotFoundError('Buyer');
    return this.repo.listEvidence(buyerId, query);
  }

  /**
   * An admin verifies or rejects pending evidence, once. The status change and the re-evaluation
   * (with its history row) commit together.
   */
  async review(caller: Principal, id: string, input: ReviewInput): Promise<BuyerEvidenceEntity> {
    const now = this.clock.now();
    const verified = input.decision === 'verified';
    const expiresAt = verified ? this.expiryFor(now, input.expiresAt) : null;
    if (!verified && !input.reason?.trim()) {
      throw new InvalidInputError('A rejection needs a reason.', [{ field: 'reason', message: 'required when decision is rejected' }]);
    }
    return this.dataSource.transaction(async (m) => {
      const reviewed = await this.repo.reviewEvidence(m, id, {
        status: input.decision,
        reason: input.reason?.trim() || null,
        verifiedAt: verified ? now : null,
        expiresAt,
        reviewedAt: now,
        reviewedBy: caller.keyId,
      });
      if (!reviewed) {
        if (!(await this.repo.findEvidence(id, m))) throw new NotFoundError('Evidence');
        throw new ConflictError('evidence_already_reviewed', 'This evidence was already reviewed; a review is final.');
      }
      await this.tiers.reevaluate(m, reviewed.buyerId, {
        reason: verified ? 'evidence_verified' : 'evidence_rejected',
        at: now,
        evidenceId: reviewed.id,
        detail: `${reviewed.type} evidence ${reviewed.id} ${input.decision}`,
      });
      await this.events.record(m, 'evidence.reviewed', toEvidenceDto(reviewed), { buyerId: reviewed.buyerId });
      return reviewed;
    });
  }

  /** Default verifiedAt + 365 days; an earlier one must still be in the future. */
  private expiryFor(now: Date, requested: string | undefined): Date {
    const latest = new Date(now.getTime() + EVIDENCE_VALIDITY_MS);
    if (requested === undefined) return latest;
    const at = new Date(requested);
    if (at <= now || at > latest) {
      throw new InvalidInputError('expiresAt is out of range.', [
        { field: 'expiresAt', message: `must be after now and not later than ${latest.toISOString()} (365 days after verification)` },
      ]);
    }
    return at;
  }
}
