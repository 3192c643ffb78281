import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsName } from '../../common/validators';
import { DEFAULT_TIER_POLICY, METRIC_FIELDS, TIERS, type TierCode } from '../tier-policy';

const CONDITION_FIELDS = ['business_registration', ...METRIC_FIELDS];

export class TierConditionDto {
  /** `business_registration` (op `verified`) or a metric compared with `value`. `business_age_years` = current year − yearEstablished. */
  @ApiProperty({ enum: CONDITION_FIELDS, example: 'annual_procurement_usd' })
  @IsIn(CONDITION_FIELDS)
  field: string;

  /** `verified` for business_registration; `gte` (≥) or `gt` (>) for metrics. */
  @ApiProperty({ enum: ['verified', 'gte', 'gt'], example: 'gte' })
  @IsIn(['verified', 'gte', 'gt'])
  op: 'verified' | 'gte' | 'gt';

  /** The threshold, a non-negative whole number (USD, employees or years); absent for `verified`. */
  @ApiProperty({ type: 'integer', required: false, example: 50000 })
  @IsOptional()
  @IsInt()
  value?: number;
}

export class TierBenefitsDto {
  /** Freight discount, 0–100 %, at most two decimals. */
  @ApiProperty({ example: 2 })
  @IsNumber()
  freightDiscountPercent: number;

  /** How long a quote's price stays locked, in whole hours (> 0). */
  @ApiProperty({ type: 'integer', example: 48 })
  @IsInt()
  quoteValidityHours: number;

  /** Late-delivery compensation is paid without a claim. */
  @IsBoolean()
  automaticCompensation: boolean;
}

export class TierDefinitionDto {
  @ApiProperty({ enum: TIERS, example: 'L2' })
  @IsIn(TIERS)
  tier: TierCode;

  @ApiProperty({ example: 'Gold' })
  @IsString()
  @MaxLength(50)
  @IsName()
  name: string;

  /** Conditions that must all hold. */
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TierConditionDto)
  requires: TierConditionDto[];

  /** At least one of these must hold (ignored when empty). */
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TierConditionDto)
  anyOf: TierConditionDto[];

  @ValidateNested()
  @Type(() => TierBenefitsDto)
  benefits: TierBenefitsDto;
}

/** A new policy version: the five tiers L0..L4 in order. Thresholds must not fall from one tier to the next. */
export class PublishTierPolicyDto {
  /** L0..L4, in order (the example is the default policy). */
  @ApiProperty({ type: [TierDefinitionDto], example: DEFAULT_TIER_POLICY.tiers })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TierDefinitionDto)
  tiers: TierDefinitionDto[];
}

export class TierPolicyDto {
  /** Version number; every evaluation records the version it used. */
  @ApiProperty({ type: 'integer', example: 1 })
  version: number;
  publishedAt: Date;
  tiers: TierDefinitionDto[];
}
