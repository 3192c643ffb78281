import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { CreditStatus } from '../credit-allocation';

/** USD 1 billion: far above any order, and safely inside a bigint column. */
const MAX_CLAIM_MINOR = 100_000_000_000;

export const CLAIM_TYPES = ['late_delivery', 'damaged', 'lost'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export class CreateClaimDto {
  @ApiProperty({ enum: CLAIM_TYPES })
  @IsIn(CLAIM_TYPES)
  type: ClaimType;

  /** Required for `damaged` and `lost`. */
  @ValidateIf((o: CreateClaimDto) => o.type !== 'late_delivery' || o.description !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description?: string;

  /** The amount asked, in cents; required for `damaged` and `lost`. */
  @ValidateIf((o: CreateClaimDto) => o.type !== 'late_delivery' || o.askedMinor !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_CLAIM_MINOR)
  askedMinor?: number;
}

export class ReviewClaimDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  decision: 'approved' | 'rejected';

  /** Cents to credit; at most declared value + order total. Required when approving. */
  @ApiProperty({ required: false, example: 5000 })
  @ValidateIf((o: ReviewClaimDto) => o.decision === 'approved' || o.approvedMinor !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_CLAIM_MINOR)
  approvedMinor?: number;

  /** Required when rejecting. */
  @ValidateIf((o: ReviewClaimDto) => o.decision === 'rejected' || o.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class ClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  orderId: string;
  @ApiProperty({ enum: CLAIM_TYPES })
  type: ClaimType;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] })
  status: string;
  description: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  askedMinor: number | null;
  @ApiProperty({ type: 'integer', nullable: true })
  approvedMinor: number | null;
  reason: string | null;
  createdAt: Date;
  reviewedAt: Date | null;
  /** The credit an approval issued. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  creditId: string | null;
}

export class CreditDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  buyerId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  orderId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  claimId: string | null;
  /** As issued. */
  @ApiProperty({ type: 'integer' })
  amountMinor: number;
  /** What is left to spend: amountMinor less what orders took, plus what cancels gave back. */
  @ApiProperty({ type: 'integer' })
  remainingMinor: number;
  @ApiProperty({ enum: ['USD'] })
  currency: string;
  @ApiProperty({ enum: CLAIM_TYPES })
  reason: string;
  issuedAt: Date;
  /** issuedAt + 90 days. */
  expiresAt: Date;
  /** `spent`: nothing left; `expired`: past expiresAt with something left; else `active` (spendable). */
  @ApiProperty({ enum: ['active', 'spent', 'expired'] })
  status: CreditStatus;
}

export class CreditPageDto {
  @ApiProperty({ type: [CreditDto] })
  data: CreditDto[];
  nextCursor: string | null;
  /** The sum of the buyer's spendable (active) credits' remainingMinor, over all pages. */
  @ApiProperty({ type: 'integer' })
  balanceMinor: number;
}
