import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { TIERS, type TierCode } from '../tier-policy';
import { TIER_CHANGE_REASONS } from '../buyer-tier-history.entity';
import { BusinessRegistrationValueDto } from './evidence.dto';
import { TierBenefitsDto } from './tier-policy.dto';

const ABSENT = ['missing', 'pending', 'expired', 'rejected'];

export class BasisItemDto {
  /** The evidence that earned the tier (absent for platform figures). */
  @ApiPropertyOptional({ format: 'uuid' })
  evidenceId?: string;
  /** `platform_gmv` for the platform's own figure (counts as verified). */
  @ApiPropertyOptional({ enum: ['platform_gmv'] })
  source?: 'platform_gmv';
  @ApiProperty({ example: 'annual_procurement_usd' })
  type: string;
  /** The evidence value (an object for business_registration, a whole number otherwise). */
  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(BusinessRegistrationValueDto) }, { type: 'integer', minimum: 0 }], example: 300000 })
  value: unknown;
}

export class MissingConditionDto {
  @ApiProperty({ example: 'annual_procurement_usd' })
  field: string;
  @ApiProperty({ enum: ['verified', 'gte', 'gt'] })
  op: string;
  /** `verified`, or the threshold. */
  @ApiProperty({ oneOf: [{ type: 'string', enum: ['verified'] }, { type: 'integer' }], example: 50000 })
  required: 'verified' | number;
  /** The counted figure, or why there is none: missing, pending (review), expired, rejected. */
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string', enum: ABSENT }], example: 49999 })
  actual: number | string;
  /** `requires`: must hold; `anyOf`: any one entry of this group is enough. */
  @ApiProperty({ enum: ['requires', 'anyOf'] })
  group: 'requires' | 'anyOf';
}

export class NextTierDto {
  @ApiProperty({ enum: TIERS, example: 'L2' })
  tier: TierCode;
  name: string;
  missing: MissingConditionDto[];
  /** What is missing, in words. */
  @ApiProperty({
    example:
      'To reach L2 (Gold): one of verified annual procurement of at least USD 50,000 (now USD 49,999) or platform GMV of at least USD 10,000 in 12 months (now USD 0).',
  })
  summary: string;
}

/** A buyer's tier (SPEC §3.3). */
export class TierDto {
  @ApiProperty({ enum: TIERS, example: 'L2' })
  tier: TierCode;
  @ApiProperty({ example: 'Gold' })
  name: string;
  @ApiProperty({ type: 'integer', example: 1 })
  policyVersion: number;
  evaluatedAt: Date;
  /** The evidence that earned the tier. */
  basis: BasisItemDto[];
  /** The first evidence-expiry instant at which the tier would drop; null if no expiry would lower it. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  validUntil: Date | null;
  /** The next tier and exactly what is missing; null at L4. */
  @ApiProperty({ type: NextTierDto, nullable: true })
  next: NextTierDto | null;
  /** The benefits of this tier under the policy version it was evaluated with (§3.4). */
  benefits: TierBenefitsDto;
}

export class TierHistoryEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Null for the first entry (registration). */
  @ApiProperty({ enum: TIERS, nullable: true, type: String })
  from: TierCode | null;
  @ApiProperty({ enum: TIERS })
  to: TierCode;
  @ApiProperty({ enum: TIER_CHANGE_REASONS, example: 'evidence_expired' })
  reason: string;
  /** The reason in words, e.g. which evidence expired. */
  detail: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  evidenceId: string | null;
  @ApiProperty({ type: 'integer' })
  policyVersion: number;
  at: Date;
}

export class TierHistoryPageDto {
  data: TierHistoryEntryDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
