import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUOTE_MODES, type QuoteMode } from '../chargeable';
import { CreateQuoteDto } from './create-quote.dto';

export class ChargeableDto {
  /** Chargeable quantity, a decimal: kg in steps of 0.5, or revenue tonnes in steps of 0.01. */
  @ApiProperty({ example: 18.5 })
  quantity: number;

  @ApiProperty({ enum: ['kg', 'rt'] })
  unit: 'kg' | 'rt';

  /** Volumetric divisor used (cm³ per kg): 5000 express, 6000 air, null for sea. */
  @ApiProperty({ enum: [5000, 6000], nullable: true, type: 'integer' })
  divisor: 5000 | 6000 | null;
}

export class PriceLineDto {
  @ApiProperty({ enum: ['base_freight', 'remote_area', 'oversize', 'fuel_surcharge', 'tier_discount'] })
  code: string;

  /** Integer US cents, rounded half-up when computed; negative for the tier discount. */
  @ApiProperty({ type: 'integer', example: 16000 })
  amountMinor: number;
}

export class OnTimeGuaranteeDto {
  @ApiProperty({ format: 'date', example: '2026-06-12' })
  guaranteedBy: string;

  /** Compensation if late: 1000 bps = 10 % of the order total … */
  @ApiProperty({ type: 'integer', example: 1000 })
  compensationBps: number;

  /** … at most this many cents (USD 100). */
  @ApiProperty({ type: 'integer', example: 10000 })
  compensationCapMinor: number;

  /** True for L3/L4 buyers: the credit is issued without a claim. */
  automatic: boolean;
}

export class TransitDaysDto {
  min: number;
  max: number;
}

export class QuoteOptionDto {
  /** Book this option with POST /v1/orders `{ quoteOptionId }`. */
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  providerId: string;
  providerLegalName: string;
  @ApiProperty({ format: 'uuid' })
  laneId: string;
  @ApiProperty({ enum: QUOTE_MODES })
  mode: QuoteMode;
  chargeable: ChargeableDto;
  @ApiProperty({ type: [PriceLineDto] })
  lines: PriceLineDto[];
  /** The fixed price (一口价), locked until expiresAt. */
  @ApiProperty({ type: 'integer' })
  totalMinor: number;
  @ApiProperty({ enum: ['USD'] })
  currency: 'USD';
  /** The provider must pick up by the end of this UTC date. */
  @ApiProperty({ format: 'date' })
  pickupBy: string;
  /** Delivered on time ⇔ delivered on or before this UTC date. */
  @ApiProperty({ format: 'date' })
  guaranteedBy: string;
  transitDays: TransitDaysDto;
  expiresAt: Date;
  onTimeGuarantee: OnTimeGuaranteeDto;
}

export class UnavailableDto {
  /** Why lanes on the route could not quote. */
  @ApiProperty({ enum: ['no_lane', 'tier', 'piece_weight', 'dangerous_goods'] })
  reason: string;

  /** How many lanes were excluded for it (0 for `no_lane`: no active lane serves the route). */
  @ApiProperty({ type: 'integer' })
  count: number;
}

export class QuoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  buyerId: string;
  /** The buyer's tier when quoted: it set the discount, validity and compensation terms. */
  @ApiProperty({ enum: ['L0', 'L1', 'L2', 'L3', 'L4'] })
  tier: string;
  createdAt: Date;
  expiresAt: Date;
  /** The request as quoted (readyDate filled in). */
  @ApiPropertyOptional({ type: CreateQuoteDto })
  request: CreateQuoteDto;
  /** Cheapest first (ties: earlier guaranteedBy, then provider legal name); at most 20. */
  @ApiProperty({ type: [QuoteOptionDto] })
  options: QuoteOptionDto[];
  @ApiProperty({ type: [UnavailableDto] })
  unavailable: UnavailableDto[];
}
