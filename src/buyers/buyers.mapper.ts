import type { BuyerEvidenceEntity } from './buyer-evidence.entity';
import type { BuyerTierHistoryEntity } from './buyer-tier-history.entity';
import type { BuyerEntity } from './buyer.entity';
import type { BuyerDto } from './dto/buyer.dto';
import type { EvidenceDto } from './dto/evidence.dto';
import type { TierDto, TierHistoryEntryDto } from './dto/tier.dto';
import { tierDefinition, type TierPolicy } from './tier-policy';

export const toBuyerDto = (b: BuyerEntity): BuyerDto => ({
  id: b.id,
  companyName: b.companyName,
  country: b.country,
  contactEmail: b.contactEmail,
  tier: b.tier,
  createdAt: b.createdAt,
});

/** The stored snapshot, named and priced by the policy version it was evaluated under. */
export function toTierDto(b: BuyerEntity, policy: TierPolicy): TierDto {
  const def = tierDefinition(policy, b.tier);
  return {
    tier: b.tier,
    name: def.name,
    policyVersion: b.policyVersion,
    evaluatedAt: b.evaluatedAt,
    basis: b.tierBasis,
    validUntil: b.validUntil,
    next: b.tierNext,
    benefits: def.benefits,
  };
}

export const toEvidenceDto = (e: BuyerEvidenceEntity): EvidenceDto => ({
  id: e.id,
  buyerId: e.buyerId,
  type: e.type,
  value: e.value,
  documentRef: e.documentRef,
  status: e.status,
  reason: e.reason,
  verifiedAt: e.verifiedAt,
  expiresAt: e.expiresAt,
  createdAt: e.createdAt,
});

export const toHistoryDto = (h: BuyerTierHistoryEntity): TierHistoryEntryDto => ({
  id: h.id,
  from: h.fromTier,
  to: h.toTier,
  reason: h.reason,
  detail: h.detail,
  evidenceId: h.evidenceId,
  policyVersion: h.policyVersion,
  at: h.at,
});
