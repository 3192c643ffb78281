import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { MODES } from '../rate-card';
import { IsCountryCode } from '../../common/countries';

const TIERS = ['L0', 'L1', 'L2', 'L3', 'L4'];
// Ranges between fields and numbers are checked by the pure rule (rate-card.ts), which names the field.

export class TransitDaysDto {
  /** Fewest days door to door, 1–90. */
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 90, example: 4 })
  min: number;

  /** Most days door to door, min–90. */
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 90, example: 7 })
  max: number;
}

export class WeightBreakDto {
  /** Lower bound of the break in kg (revenue tonnes for sea_lcl), ≤ 3 decimals; the first is 0, then strictly ascending. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @ApiProperty({ minimum: 0, example: 0 })
  minKg: number;

  /** Rate per kg (per revenue tonne for sea_lcl) from this break, in minor units; a positive integer. */
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 1, example: 1050 })
  ratePerUnitMinor: number;
}

export class RemoteAreaDto {
  /** Destination postcode prefixes that count as remote (1–10 upper-case letters or digits). */
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @ApiProperty({ example: ['99', '96'] })
  postcodePrefixes: string[];

  /** Surcharge per chargeable kg, minor units. */
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 0, example: 60 })
  perKgMinor: number;

  /** Minimum surcharge, minor units. */
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 0, example: 2500 })
  minMinor: number;
}

/** A rate card (SPEC §4.4). */
export class CreateLaneDto {
  /** ISO 3166-1 alpha-2. */
  @IsCountryCode()
  @ApiProperty({ example: 'CN' })
  originCountry: string;

  /** ISO 3166-1 alpha-2, different from the origin. */
  @IsCountryCode()
  @ApiProperty({ example: 'US' })
  destinationCountry: string;

  @IsIn(MODES)
  @ApiProperty({ enum: MODES, example: 'express' })
  mode: string;

  @IsObject()
  @ValidateNested()
  @Type(() => TransitDaysDto)
  transitDays: TransitDaysDto;

  /** Working days from pickup to departure, 0–10. */
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10, example: 1 })
  handlingDays: number;

  /** At least one break, the first at 0, strictly ascending. */
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WeightBreakDto)
  weightBreaks: WeightBreakDto[];

  /** Minimum charge of a shipment before surcharges, minor units. */
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 0, example: 3000 })
  minChargeMinor: number;

  /** Fuel surcharge in basis points of the freight, 0–10,000. Default 0. */
  @IsOptional()
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10000, example: 1200, required: false })
  fuelSurchargeBps?: number;

  /** Remote-area surcharge, or null for none (the default). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RemoteAreaDto)
  @ApiProperty({ type: RemoteAreaDto, nullable: true, required: false })
  remoteArea?: RemoteAreaDto | null;

  /** Per oversize piece, minor units. Default 0. */
  @IsOptional()
  @IsInt()
  @ApiProperty({ type: 'integer', minimum: 0, example: 4500, required: false })
  oversizeFeeMinor?: number;

  /** Heaviest piece accepted, kg (> 0, ≤ 1000, ≤ 3 decimals). Default 1000. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @ApiProperty({ example: 70, required: false })
  maxPieceWeightKg?: number;

  /** Whether dangerous goods are accepted. Default false. */
  @IsOptional()
  @IsBoolean()
  dangerousGoods?: boolean;

  /** Lowest buyer tier that may book this lane. Default L0 (everyone). */
  @IsOptional()
  @IsIn(TIERS)
  @ApiProperty({ enum: TIERS, example: 'L0', required: false })
  minBuyerTier?: string;
}

/** Any fields of a rate card; the rest stay as they are. `remoteArea: null` removes the surcharge. */
export class UpdateLaneDto extends PartialType(CreateLaneDto) {}

export class LaneDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  providerId: string;

  @ApiProperty({ example: 'CN' })
  originCountry: string;

  @ApiProperty({ example: 'US' })
  destinationCountry: string;

  @ApiProperty({ enum: MODES })
  mode: string;

  transitDays: TransitDaysDto;

  @ApiProperty({ type: 'integer' })
  handlingDays: number;

  weightBreaks: WeightBreakDto[];

  @ApiProperty({ type: 'integer' })
  minChargeMinor: number;

  @ApiProperty({ type: 'integer' })
  fuelSurchargeBps: number;

  @ApiProperty({ type: RemoteAreaDto, nullable: true })
  remoteArea: RemoteAreaDto | null;

  @ApiProperty({ type: 'integer' })
  oversizeFeeMinor: number;

  maxPieceWeightKg: number;
  dangerousGoods: boolean;

  @ApiProperty({ enum: TIERS })
  minBuyerTier: string;

  /** False once deactivated; inactive lanes are kept for history and never quoted. */
  active: boolean;

  createdAt: Date;
  updatedAt: Date;
}

export class LanePageDto {
  data: LaneDto[];
  nextCursor: string | null;
}
