import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { TransactionContext } from '../database/transaction-context';
import type { BuyerEvidenceEntity } from './buyer-evidence.entity';
import type { BuyerTierHistoryEntity, TierChangeReason } from './buyer-tier-history.entity';
import type { BuyerEntity } from './buyer.entity';
import { BuyersRepository, type TierSnapshot } from './buyers.repository';
import { PlatformGmvService } from './platform-gmv.service';
import type { TierPolicy } from './tier-policy';
import { TierPolicyService } from './tier-policy.service';
import { expiredBetween, snapshot } from './tier-refresh';
import { EventLog } from '../events/event-log';
import { toBuyerDto } from './buyers.mapper';

export interface TierCause {
  reason: TierChangeReason;
  at: Date;
  evidenceId?: string | null;
  detail: string;
}

type CauseFor = (buyer: BuyerEntity, evidence: BuyerEvidenceEntity[], policy: TierPolicy) => TierCause | null;

/**
 * The only writer of a buyer's tier. Every (re-)evaluation locks the buyer rows, reads all their
 * evidence, GMV and the newest policy, calls the pure `evaluate()`, stores the snapshot and, when the
 * tier moved, a history row — all in the caller's transaction.
 */
@Injectable()
export class BuyerTierService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly repo: BuyersRepository,
    private readonly policies: TierPolicyService,
    private readonly gmv: PlatformGmvService,
    private readonly clock: Clock,
    private readonly events: EventLog,
  ) {}

  /** Re-evaluate one buyer for a known cause (evidence reviewed, order delivered, …). */
  async reevaluate(manager: EntityManager, buyerId: string, cause: TierCause): Promise<BuyerEntity> {
    const [buyer] = (await this.reevaluateMany(manager, [buyerId], cause.at, () => cause)).buyers;
    return buyer;
  }

  /** As reevaluate, but a lapse or policy change found on the way is what the history cites. */
  async refreshOrReevaluate(manager: EntityManager, buyerId: string, cause: TierCause): Promise<BuyerEntity> {
    const causeFor: CauseFor = (buyer, evidence, policy) => staleCause(buyer, evidence, policy, cause.at) ?? cause;
    const [buyer] = (await this.reevaluateMany(manager, [buyerId], cause.at, causeFor)).buyers;
    return buyer;
  }

  /** Re-evaluate buyers whose snapshot is stale at `at`, deriving the cause from what lapsed. */
  refreshStale(manager: EntityManager, buyerIds: string[], at: Date) {
    return this.reevaluateMany(manager, buyerIds, at, (buyer, evidence, policy) => staleCause(buyer, evidence, policy, at));
  }

  /** The buyer with an up-to-date tier: a snapshot the sweep has not reached yet is refreshed now. */
  async current(buyerId: string): Promise<BuyerEntity | null> {
    const buyer = await this.repo.findBuyer(buyerId);
    const now = this.clock.now();
    if (!buyer || !buyer.reevaluateAt || buyer.reevaluateAt > now) return buyer;
    return this.tx.run(async (m) => (await this.refreshStale(m, [buyerId], now)).buyers[0] ?? buyer);
  }

  /** The snapshot of a buyer that has no evidence yet (registration). */
  async initialSnapshot(manager: EntityManager, at: Date): Promise<Omit<TierSnapshot, 'id'>> {
    const policy = await this.policies.latest(manager);
    const { evaluation, reevaluateAt } = snapshot([], 0, at, policy);
    return toSnapshot(evaluation, at, reevaluateAt);
  }

  private async reevaluateMany(manager: EntityManager, ids: string[], at: Date, causeFor: CauseFor) {
    const buyers = await this.repo.lockBuyers(manager, ids);
    if (buyers.length === 0) return { examined: 0, changed: 0, buyers };
    const buyerIds = buyers.map((b) => b.id);
    const evidence = await this.repo.evidenceOf(manager, buyerIds);
    const gmv = await this.gmv.platformGmvMany(buyerIds, at, manager);
    const policy = await this.policies.latest(manager);
    const evidenceBy = new Map<string, BuyerEvidenceEntity[]>();
    for (const e of evidence) evidenceBy.set(e.buyerId, [...(evidenceBy.get(e.buyerId) ?? []), e]);

    const snapshots: TierSnapshot[] = [];
    const history: Omit<BuyerTierHistoryEntity, 'id' | 'seq'>[] = [];
    const updated: BuyerEntity[] = [];
    for (const buyer of buyers) {
      const own = evidenceBy.get(buyer.id) ?? [];
      const cause = causeFor(buyer, own, policy);
      if (!cause) continue;
      const platform = gmv.get(buyer.id);
      const result = snapshot(own, platform?.usd ?? 0, at, policy);
      // A delivery leaving the 12-month window may lower the tier: be due for re-evaluation then.
      const reevaluateAt = earliest(result.reevaluateAt, platform?.dropsAt ?? null);
      const next = { id: buyer.id, ...toSnapshot(result.evaluation, at, reevaluateAt) };
      snapshots.push(next);
      if (next.tier !== buyer.tier) {
        history.push({
          buyerId: buyer.id,
          fromTier: buyer.tier,
          toTier: next.tier,
          reason: cause.reason,
          detail: cause.detail,
          policyVersion: policy.version,
          evidenceId: cause.evidenceId ?? null,
          at,
        });
      }
      updated.push(Object.assign(buyer, next));
    }
    await this.repo.saveSnapshots(manager, snapshots);
    await this.repo.insertHistory(manager, history);
    await this.events.recordMany(
      updated
        .filter((b) => history.some((h) => h.buyerId === b.id))
        .map((b) => ({ type: 'buyer.tier_changed' as const, object: toBuyerDto(b), buyerId: b.id })),
    );
    return { examined: snapshots.length, changed: history.length, buyers: updated };
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

function toSnapshot(evaluation: ReturnType<typeof snapshot>['evaluation'], at: Date, reevaluateAt: Date | null): Omit<TierSnapshot, 'id'> {
  return {
    tier: evaluation.tier,
    policyVersion: evaluation.policyVersion,
    evaluatedAt: at,
    validUntil: evaluation.validUntil,
    reevaluateAt,
    tierBasis: evaluation.basis,
    tierNext: evaluation.next,
  };
}

/** Null when the buyer is not stale any more (another instance or request refreshed it meanwhile). */
function staleCause(buyer: BuyerEntity, evidence: BuyerEvidenceEntity[], policy: TierPolicy, at: Date): TierCause | null {
  const due = buyer.reevaluateAt !== null && buyer.reevaluateAt <= at;
  if (!due && buyer.policyVersion >= policy.version) return null;
  const lapsed = expiredBetween(evidence, buyer.evaluatedAt, at);
  if (lapsed.length > 0) {
    const inBasis = new Set(buyer.tierBasis.map((b) => ('evidenceId' in b ? b.evidenceId : null)));
    const cited = lapsed.find((e) => inBasis.has(e.id)) ?? lapsed[0];
    return {
      reason: 'evidence_expired',
      at,
      evidenceId: cited.id,
      detail: `${cited.type} evidence ${cited.id} expired at ${cited.expiresAt!.toISOString()}`,
    };
  }
  if (buyer.policyVersion < policy.version) {
    return { reason: 'policy_changed', at, detail: `re-evaluated under tier policy version ${policy.version}` };
  }
  return {
    reason: 'business_age',
    at,
    detail: `re-evaluated when due: business age re-counted in ${at.getUTCFullYear()}, or a delivery left the 12-month GMV window`,
  };
}
