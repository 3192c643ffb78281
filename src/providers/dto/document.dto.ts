import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MODES } from '../rate-card';
import { IsCalendarDate } from '../../common/validators';

const TYPES = ['business_license', 'freight_licence', 'liability_insurance'];
const DECISIONS = ['verified', 'rejected'];
const MAX_COVERAGE_USD = 1_000_000_000_000;

/** Metadata of an uploaded document; the file itself lives in the provider's storage (`fileRef`). */
export class CreateDocumentDto {
  @IsIn(TYPES)
  @ApiProperty({ enum: TYPES, example: 'business_license' })
  type: string;

  /** The document's number as printed on it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @ApiProperty({ example: '91440300MA5F0X1234' })
  number: string;

  /** Freight licences only (and then required): the modes the licence covers. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(MODES, { each: true })
  @ApiProperty({ enum: MODES, isArray: true, required: false, example: ['express', 'air'] })
  modes?: string[];

  /** Liability insurance only: the cover stated on the policy, whole USD (the reviewer confirms it). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COVERAGE_USD)
  @ApiProperty({ type: 'integer', required: false, example: 250000 })
  coverageUsd?: number;

  /** Date of issue, `YYYY-MM-DD`. */
  @IsCalendarDate()
  @ApiProperty({ format: 'date', example: '2025-06-01' })
  issuedAt: string;

  /** First day the document is no longer valid, `YYYY-MM-DD`; must be after `issuedAt`. */
  @IsCalendarDate()
  @ApiProperty({ format: 'date', example: '2027-05-31' })
  expiresAt: string;

  /** Where the scanned file is stored (a URL or storage key). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @ApiProperty({ example: 's3://provider-docs/2025/licence.pdf' })
  fileRef: string;
}

/** An admin's decision on a pending document. */
export class ReviewDocumentDto {
  @IsIn(DECISIONS)
  @ApiProperty({ enum: DECISIONS, example: 'verified' })
  decision: string;

  /** Why (shown to the provider); useful on a rejection. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  /** Liability insurance only: the cover the reviewer confirmed, whole USD (recorded on the document). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COVERAGE_USD)
  @ApiProperty({ type: 'integer', required: false, example: 250000 })
  coverageUsd?: number;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  providerId: string;

  @ApiProperty({ enum: TYPES })
  type: string;

  number: string;

  /** Freight licences: the modes covered; null for other types. */
  @ApiProperty({ enum: MODES, isArray: true, nullable: true })
  modes: string[] | null;

  /** Liability insurance: the cover in whole USD; null for other types or before it is known. */
  @ApiProperty({ type: 'integer', nullable: true })
  coverageUsd: number | null;

  @ApiProperty({ format: 'date', example: '2025-06-01' })
  issuedAt: string;

  @ApiProperty({ format: 'date', example: '2027-05-31' })
  expiresAt: string;

  fileRef: string;

  @ApiProperty({ enum: ['pending', 'verified', 'rejected'] })
  status: string;

  /** The reviewer's reason, if any. */
  reason: string | null;

  reviewedAt: Date | null;
  createdAt: Date;
}

export class DocumentPageDto {
  data: DocumentDto[];
  nextCursor: string | null;
}
