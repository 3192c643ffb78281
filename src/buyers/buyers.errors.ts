import type { ErrorDefinitions } from '../common/errors/error-definitions';

/** Error codes of the buyers and tiers module (SPEC §3). */
export const BUYER_ERROR_CODES = {
  evidence_already_reviewed: [409, 'The evidence was already verified or rejected; a review is final.'],
  tier_policy_conflict: [409, 'Another policy version was published at the same moment; read the policy and retry.'],
} as const satisfies ErrorDefinitions;
