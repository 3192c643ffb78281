import { Injectable } from '@nestjs/common';
import { requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import type { BuyerEvidenceEntity } from './buyer-evidence.entity';
import { BuyerTierService } from './buyer-tier.service';
import { BuyersRepository } from './buyers.repository';
import { evidenceExpiry } from './evidence-expiry';
import { validateEvidenceValue } from './evidence-value';
import type { EvidenceType } from './tier-evaluation';
import { EventLog } from '../events/event-log';
import { toEvidenceDto } from './buyers.mapper';

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
    private readonly tx: TransactionContext,
    private readonly repo: BuyersRepository,
    private readonly tiers: BuyerTierService,
    private readonly clock: Clock,
    private readonly events: EventLog,
  ) {}

  /** A buyer submits evidence for itself. Re-evaluates so `next` shows it as pending review. */
  async submit(caller: Principal, buyerId: string, input: SubmitEvidenceInput): Promise<BuyerEvidenceEntity> {
    requireAccess(caller, 'buyer', buyerId);
    const now = this.clock.now();
    const errors = validateEvidenceValue(input.type, input.value, now.getUTCFullYear());
    if (errors.length > 0) throw new InvalidInputError(`The value does not fit evidence type ${input.type}; see errors.`, errors);
    return this.tx.run(async (m) => {
      if ((await this.repo.lockBuyers(m, [buyerId])).length === 0) throw new NotFoundError('Buyer');
      const evidence = await this.repo.insertEvidence({ buyerId, type: input.type, value: input.value, documentRef: input.documentRef }, m);
      await this.tiers.refreshOrReevaluate(m, buyerId, {
        reason: 'evidence_submitted',
        at: now,
        evidenceId: evidence.id,
        detail: `${input.type} evidence ${evidence.id} submitted`,
      });
      return (await this.repo.findEvidence(evidence.id, m))!;
    });
  }

  async list(caller: Principal, buyerId: string, query: { limit: number; cursor?: string }): Promise<Page<BuyerEvidenceEntity>> {
    requireAccess(caller, 'buyer', buyerId);
    if (!(await this.repo.findBuyer(buyerId))) throw new NotFoundError('Buyer');
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
    return this.tx.run(async (m) => {
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
      await this.events.record('evidence.reviewed', toEvidenceDto(reviewed), { buyerId: reviewed.buyerId });
      return reviewed;
    });
  }

  /** §3.1 (evidence-expiry.ts): verifiedAt + 365 days, or the admin's earlier instant still in the future. */
  private expiryFor(now: Date, requested: string | undefined): Date {
    const outcome = evidenceExpiry(now, requested === undefined ? undefined : new Date(requested));
    if ('error' in outcome) throw new InvalidInputError('expiresAt is out of range.', [outcome.error]);
    return outcome.expiresAt;
  }
}
