import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { IsCountryCode } from '../../common/countries';
import { IsCalendarDate } from '../../common/validators';
import { QUOTE_MODES, type QuoteMode } from '../chargeable';
import { GOODS_CATEGORIES, type GoodsCategory } from '../goods-screening';

export class OriginDto {
  /** ISO 3166-1 alpha-2, e.g. `CN`. */
  @ApiProperty({ example: 'CN' })
  @IsCountryCode()
  country: string;
}

export class DestinationDto {
  /** ISO 3166-1 alpha-2; the semi-managed markets are US, CA, MX, GB, FR, DE. */
  @ApiProperty({ example: 'US' })
  @IsCountryCode()
  country: string;

  /** The consignee's postcode; remote-area surcharges depend on it. */
  @ApiProperty({ example: '90001' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/, { message: 'postcode must be 1–16 letters, digits, spaces or hyphens' })
  postcode: string;
}

export class PieceDto {
  /** Identical pieces on this line, 1–999. */
  @ApiProperty({ example: 2, minimum: 1, maximum: 999 })
  @IsInt()
  @Min(1)
  @Max(999)
  quantity: number;

  /** Weight of one piece in kg, more than 0 and at most 1,000, at most 3 decimals. */
  @ApiProperty({ example: 5.25, minimum: 0.001, maximum: 1000 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(1000)
  weightKg: number;

  /** Whole centimetres, 1–400. */
  @ApiProperty({ example: 40, minimum: 1, maximum: 400 })
  @IsInt()
  @Min(1)
  @Max(400)
  lengthCm: number;

  @ApiProperty({ example: 30, minimum: 1, maximum: 400 })
  @IsInt()
  @Min(1)
  @Max(400)
  widthCm: number;

  @ApiProperty({ example: 30, minimum: 1, maximum: 400 })
  @IsInt()
  @Min(1)
  @Max(400)
  heightCm: number;
}

export class GoodsDto {
  /** Goods category; screened by SPEC §5.5. */
  @ApiProperty({ enum: GOODS_CATEGORIES, example: 'apparel' })
  @IsIn(GOODS_CATEGORIES)
  category: GoodsCategory;

  @ApiProperty({ example: 'Cotton t-shirts' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;
}

export class MoneyDto {
  /** Integer minor units (US cents). */
  @ApiProperty({ example: 120000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_00)
  amountMinor: number;

  /** Only `USD` in v1. */
  @ApiProperty({ enum: ['USD'], example: 'USD' })
  @IsIn(['USD'], { message: 'currency must be USD' })
  currency: 'USD';
}

export class CreateQuoteDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => OriginDto)
  origin: OriginDto;

  @IsDefined()
  @ValidateNested()
  @Type(() => DestinationDto)
  destination: DestinationDto;

  /** Only this mode; all modes when absent. */
  @ApiPropertyOptional({ enum: QUOTE_MODES })
  @IsOptional()
  @IsIn(QUOTE_MODES)
  mode?: QuoteMode;

  /** When the goods are ready (UTC date), today … today + 30; default today (so the example leaves it out). */
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  readyDate?: string;

  /** 1–50 piece lines. */
  @ApiProperty({ type: [PieceDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PieceDto)
  pieces: PieceDto[];

  @IsDefined()
  @ValidateNested()
  @Type(() => GoodsDto)
  goods: GoodsDto;

  /** Customs value of the goods (caps damage and loss claims, SPEC §6.4). */
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  declaredValue: MoneyDto;
}
