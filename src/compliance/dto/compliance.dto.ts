import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ADMIN_VIOLATION_CODES, VIOLATION_CODES, type AdminViolationCode, type ViolationCode } from '../points';

export class RecordViolationDto {
  /** Only the violations an admin decides: 6 points + 7-day ranking demotion, or 12 points. */
  @ApiProperty({ enum: ADMIN_VIOLATION_CODES })
  @IsIn(ADMIN_VIOLATION_CODES)
  code: AdminViolationCode;

  /** What happened, visible to the provider. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ComplianceQueryDto {
  /** The month to report (UTC), `YYYY-MM`; default the current month. */
  @ApiProperty({ required: false, example: '2026-06' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

export class ViolationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: VIOLATION_CODES })
  code: ViolationCode;
  @ApiProperty({ type: 'integer' })
  points: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  orderId: string | null;
  note: string | null;
  createdAt: Date;
  /** createdAt + 365 days: points count for a rolling year. */
  expiresAt: Date;
  /** The provider's active points after this entry (only on the admin's POST answer). */
  @ApiPropertyOptional({ type: 'integer' })
  activePoints?: number;
}

export class ComplianceActionDto {
  /** The points threshold crossed: 6, 12, 24, 36 or 48. */
  @ApiProperty({ type: 'integer' })
  threshold: number;
  @ApiProperty({ enum: ['warning', 'restrict', 'terminate'] })
  action: string;
  restrictedUntil: Date | null;
  lanesDeactivated: boolean;
  at: Date;
}

export class ComplianceMonthDto {
  @ApiProperty({ example: '2026-06' })
  month: string;
  /** Number of violations recorded in the month. */
  @ApiProperty({ type: 'integer' })
  violations: number;
  @ApiProperty({ type: 'integer' })
  points: number;
  @ApiProperty({ type: [ViolationDto] })
  entries: ViolationDto[];
}

export class ComplianceDto {
  @ApiProperty({ format: 'uuid' })
  providerId: string;
  /** Sum of unexpired entries (rolling 365 days). */
  @ApiProperty({ type: 'integer' })
  activePoints: number;
  /** Unlisted, not quoted, not bookable until then; null when no restriction is running. */
  restrictedUntil: Date | null;
  /** Listed last in the market until then (serious violations). */
  demotedUntil: Date | null;
  terminated: boolean;
  /** Every threshold action taken, oldest first. */
  @ApiProperty({ type: [ComplianceActionDto] })
  warnings: ComplianceActionDto[];
  month: ComplianceMonthDto;
  /** The active entries. */
  @ApiProperty({ type: [ViolationDto] })
  entries: ViolationDto[];
}
