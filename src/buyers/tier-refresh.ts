/**
 * When a tier snapshot goes stale, and why it changed. Pure, next to tier-evaluation.ts.
 */
import { evaluate, tierRank, type TierEvaluation, type TierEvidence } from './tier-evaluation';
import type { TierPolicy } from './tier-policy';

export interface TierSnapshotResult {
  evaluation: TierEvaluation;
  /**
   * The next instant at which re-evaluating could give a different answer: the first expiry of any
   * evidence that counts now (even one that leaves the tier, but not the basis, unchanged), or the
   * next 1 January when a year of business age would raise the tier. Null when nothing can change
   * with time alone. The expiry sweep picks buyers whose instant has passed.
   */
  reevaluateAt: Date | null;
}

export function snapshot(evidence: TierEvidence[], gmvUsd12m: number, at: Date, policy: TierPolicy): TierSnapshotResult {
  const evaluation = evaluate(evidence, gmvUsd12m, at, policy);
  let reevaluateAt: number | null = null;
  for (const e of evidence) {
    const t = e.expiresAt?.getTime();
    if (e.status === 'verified' && t !== undefined && t > at.getTime() && (reevaluateAt === null || t < reevaluateAt)) reevaluateAt = t;
  }
  const newYear = Date.UTC(at.getUTCFullYear() + 1, 0, 1);
  if (reevaluateAt === null || newYear < reevaluateAt) {
    const then = evaluate(evidence, gmvUsd12m, new Date(newYear), policy);
    if (tierRank(then.tier) !== tierRank(evaluation.tier)) reevaluateAt = newYear;
  }
  return { evaluation, reevaluateAt: reevaluateAt === null ? null : new Date(reevaluateAt) };
}

/** The verified evidence that lapsed in (since, at], earliest first: what a sweep downgrade cites. */
export function expiredBetween(evidence: TierEvidence[], since: Date, at: Date): TierEvidence[] {
  return evidence
    .filter((e) => e.status === 'verified' && e.expiresAt && e.expiresAt > since && e.expiresAt <= at)
    .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime());
}
