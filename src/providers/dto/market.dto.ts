import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { MODES } from '../rate-card';
import { LaneDto } from './lane.dto';
import { IsCountryCode } from '../../common/countries';

export class MarketQueryDto extends PaginationQueryDto {
  /** Only lanes to this country (ISO 3166-1 alpha-2). */
  @IsOptional()
  @IsCountryCode()
  @ApiProperty({ required: false, example: 'US' })
  destination?: string;

  /** Only lanes from this country (ISO 3166-1 alpha-2). */
  @IsOptional()
  @IsCountryCode()
  @ApiProperty({ required: false, example: 'CN' })
  origin?: string;

  /** Only lanes of this mode. */
  @IsOptional()
  @IsIn(MODES)
  @ApiProperty({ enum: MODES, required: false })
  mode?: string;
}

/** Performance figures (SPEC §4.5). */
export class ScorecardDto {
  /** Delivered on time ÷ delivered over the last 90 days (0–1, 4 decimals); null while fewer than 20 were delivered. */
  @ApiProperty({ type: 'number', nullable: true, example: 0.9412 })
  onTimeRate90d: number | null;

  @ApiProperty({ type: 'integer' })
  delivered90d: number;

  @ApiProperty({ type: 'integer' })
  late90d: number;

  /** Violation points of the rolling year (§7). */
  @ApiProperty({ type: 'integer' })
  activePoints: number;
}

export class ProviderScorecardDto extends ScorecardDto {
  @ApiProperty({ format: 'uuid' })
  providerId: string;
}

export class MarketProviderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  legalName: string;
}

/** One listed provider with its matching active lanes. */
export class MarketEntryDto {
  provider: MarketProviderDto;
  scorecard: ScorecardDto;
  lanes: LaneDto[];
}

export class MarketPageDto {
  /** Demoted providers last, then on-time rate (unrated counts as 0.85) descending, then name (§4.5). */
  data: MarketEntryDto[];
  nextCursor: string | null;
}
