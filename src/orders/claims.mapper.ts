import { creditStatus } from './credit-allocation';
import type { ClaimWithCredit } from './claims.repository';
import type { CreditEntity } from './credit.entity';
import type { ClaimDto, CreditDto } from './dto/claim.dto';

export function toCreditDto(credit: CreditEntity, now: Date): CreditDto {
  return {
    id: credit.id,
    buyerId: credit.buyerId,
    orderId: credit.orderId,
    claimId: credit.claimId,
    amountMinor: credit.amountMinor,
    remainingMinor: credit.remainingMinor,
    currency: credit.currency,
    reason: credit.reason,
    issuedAt: credit.issuedAt,
    expiresAt: credit.expiresAt,
    status: creditStatus(credit, now),
  };
}

export function toClaimDto({ claim, creditId }: ClaimWithCredit): ClaimDto {
  return {
    id: claim.id,
    orderId: claim.orderId,
    type: claim.type,
    status: claim.status,
    description: claim.description,
    askedMinor: claim.askedMinor,
    approvedMinor: claim.approvedMinor,
    reason: claim.reason,
    createdAt: claim.createdAt,
    reviewedAt: claim.reviewedAt,
    creditId,
  };
}
