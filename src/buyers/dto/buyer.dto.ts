import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCountryCode } from '../../common/countries';
import { IsName } from '../../common/validators';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { TIERS, type TierCode } from '../tier-policy';
import { TierDto } from './tier.dto';

/** Self-registration. The tier is derived (L0 at first), never sent. */
export class RegisterBuyerDto {
  /** The company's trading name. */
  @ApiProperty({ example: 'Acme Imports Ltd' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsName()
  companyName: string;

  /** ISO 3166-1 alpha-2, upper case. */
  @ApiProperty({ example: 'GB' })
  @IsCountryCode()
  country: string;

  /** Where the platform writes about reviews and tier changes. */
  @ApiProperty({ required: false, example: 'ops@acme.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;
}

export class BuyerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  companyName: string;
  @ApiProperty({ example: 'GB' })
  country: string;
  @ApiProperty({ type: String, nullable: true })
  contactEmail: string | null;
  /** The current tier, always derived from verified evidence (§3). */
  @ApiProperty({ enum: TIERS, example: 'L1' })
  tier: TierCode;
  createdAt: Date;
}

/** One buyer with its current tier evaluation. */
export class BuyerDetailDto extends BuyerDto {
  tierEvaluation: TierDto;
}

export class RegisteredBuyerDto {
  buyer: BuyerDto;
  /** The buyer's first API key, shown only here. Send it as `Authorization: Bearer <apiKey>`. */
  @ApiProperty({ example: 'blm_3q0Zk…' })
  apiKey: string;
}

export class ListBuyersQueryDto extends PaginationQueryDto {
  /** Only buyers currently at this tier. */
  @ApiProperty({ enum: TIERS, required: false })
  @IsOptional()
  @IsIn(TIERS)
  tier?: TierCode;
}

export class BuyerPageDto {
  data: BuyerDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
