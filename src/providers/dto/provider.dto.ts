import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCountryCode } from '../../common/countries';
import { IsName } from '../../common/validators';

const STATUSES = ['pending', 'qualified', 'suspended', 'terminated'];
const OUTCOMES = ['pass', 'fail', 'warning'];
const CODES = ['business_license', 'freight_licence', 'liability_insurance', 'market_coverage', 'on_time_performance', 'violation_points'];

/** A provider's application. Status, restriction and scores are derived, never sent. */
export class ApplyProviderDto {
  /** The company's registered legal name. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsName()
  @ApiProperty({ example: 'Shenzhen Swift Logistics Co., Ltd.' })
  legalName: string;

  /** Country of registration, ISO 3166-1 alpha-2. */
  @IsCountryCode()
  @ApiProperty({ example: 'CN' })
  country: string;
}

export class RequirementResultDto {
  @ApiProperty({ enum: CODES, example: 'business_license' })
  code: string;

  @ApiProperty({ enum: OUTCOMES, example: 'pass' })
  outcome: string;

  /** Why, in words, e.g. "Business licence is valid until 2027-05-31". */
  message: string;
}

/** The result of a qualification check (SPEC §4.3). */
export class QualificationResultDto {
  /** True when no requirement fails (warnings do not fail). */
  qualified: boolean;

  /** When the check ran. */
  checkedAt: Date;

  /** One result per requirement in the order of §4.3, each followed by its expiry warnings. */
  results: RequirementResultDto[];
}

export class ProviderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  legalName: string;

  /** Country of registration, ISO 3166-1 alpha-2. */
  country: string;

  /** Derived by qualification checks (§4.1): pending → qualified ⇄ suspended; terminated is final. */
  @ApiProperty({ enum: STATUSES, example: 'qualified' })
  status: string;

  /** Listed (and quoted, bookable) while qualified and not under a running restriction. */
  listed: boolean;

  /** Unlisted by violation points (§7) until this instant; null when never restricted. */
  restrictedUntil: Date | null;

  /** Ranked last in the market (§7) until this instant. */
  demotedUntil: Date | null;

  /** The last qualification check, or null before the first. */
  lastCheck: QualificationResultDto | null;

  createdAt: Date;
}

/** Registration answer (SPEC §10): the provider and its first API key, shown only here. */
export class RegisteredProviderDto {
  provider: ProviderDto;

  /** The secret API key of this provider: send it as `Authorization: Bearer <apiKey>`. Store it now. */
  @ApiProperty({ example: 'blm_3kq1S0q9Yw0yF6m2zR5cX8t1uV4bN7aD2eG5hJ8k' })
  apiKey: string;
}
