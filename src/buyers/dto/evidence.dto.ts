import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../common/validators';
import { EVIDENCE_TYPES } from '../evidence-value';
import type { EvidenceStatus, EvidenceType } from '../tier-evaluation';

/** The value of `business_registration` evidence. */
export class BusinessRegistrationValueDto {
  @ApiProperty({ example: '12345678', maxLength: 64 })
  registrationNumber: string;
  @ApiProperty({ example: 'Acme Imports Ltd', maxLength: 200 })
  legalName: string;
  /** ISO 3166-1 alpha-2, upper case. */
  @ApiProperty({ example: 'GB' })
  country: string;
  /** 1800 … the current year. */
  @ApiProperty({ type: 'integer', example: 2015 })
  yearEstablished: number;
}

const VALUE_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath(BusinessRegistrationValueDto) }, { type: 'integer', minimum: 0, example: 250000 }],
  description:
    'business_registration: { registrationNumber, legalName, country, yearEstablished }; annual_procurement_usd, annual_revenue_usd: whole USD; employee_count: a whole number. All ≥ 0.',
};

export class SubmitEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_TYPES, example: 'annual_procurement_usd' })
  @IsIn(EVIDENCE_TYPES)
  type: EvidenceType;

  @ApiProperty({ ...VALUE_SCHEMA, example: 250000 })
  @IsDefined()
  value: unknown;

  /** Where the reviewer finds the supporting document (a file id or URL in the client's storage). */
  @ApiProperty({ example: 'doc://statements/2025-acme.pdf' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  documentRef: string;
}

export class ReviewEvidenceDto {
  @ApiProperty({ enum: ['verified', 'rejected'] })
  @IsIn(['verified', 'rejected'])
  decision: 'verified' | 'rejected';

  /** Required when rejecting; shown to the buyer. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  /** For `verified`: an earlier expiry than the default (verification + 365 days); must be in the future. */
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  buyerId: string;
  @ApiProperty({ enum: EVIDENCE_TYPES })
  type: EvidenceType;
  @ApiProperty(VALUE_SCHEMA)
  value: unknown;
  documentRef: string;
  @ApiProperty({ enum: ['pending', 'verified', 'rejected'] })
  status: EvidenceStatus;
  /** The reviewer's reason (required for a rejection). */
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt: Date | null;
  /** Verified evidence stops counting at this instant. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: Date | null;
  createdAt: Date;
}

export class EvidencePageDto {
  data: EvidenceDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
