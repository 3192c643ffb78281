/**
 * When verified evidence stops counting (SPEC §3.1). Pure: `verifiedAt` and `now` are arguments.
 * Verified evidence expires 365 days after verification; the admin may set an earlier `expiresAt`,
 * in the future and not later than that. It counts while `at` is before its expiry.
 */
import type { FieldError } from './tier-policy';

export const EVIDENCE_VALIDITY_DAYS = 365;
const DAY_MS = 86_400_000;

/** The latest expiry verification at `verifiedAt` allows, and the default one. */
export function latestEvidenceExpiry(verifiedAt: Date): Date {
  return new Date(verifiedAt.getTime() + EVIDENCE_VALIDITY_DAYS * DAY_MS);
}

/** The expiry of evidence verified at `verifiedAt`: the default, or the admin's earlier choice; an error when out of range. */
export function evidenceExpiry(verifiedAt: Date, requested: Date | undefined): { expiresAt: Date } | { error: FieldError } {
  const latest = latestEvidenceExpiry(verifiedAt);
  if (requested === undefined) return { expiresAt: latest };
  if (requested.getTime() <= verifiedAt.getTime() || requested.getTime() > latest.getTime()) {
    return {
      error: {
        field: 'expiresAt',
        message: `must be after now and not later than ${latest.toISOString()} (${EVIDENCE_VALIDITY_DAYS} days after verification)`,
      },
    };
  }
  return { expiresAt: requested };
}

/** Unexpired at `at`: an item expiring exactly at `at` no longer counts (null: never expires). */
export function isUnexpired(expiresAt: Date | null, at: Date): boolean {
  return expiresAt === null || expiresAt.getTime() > at.getTime();
}
