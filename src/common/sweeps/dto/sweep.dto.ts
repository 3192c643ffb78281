import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../validators';
import type { SweepResult } from '../sweeps.registry';

export class RunSweepDto {
  /**
   * The instant to sweep as of (ISO 8601); default now. Lets operators and tests replay a date; more
   * than 5 minutes ahead of the clock is refused (`as_of_in_future`) unless SWEEPS_ALLOW_FUTURE_AS_OF.
   */
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class SweepResultDto implements SweepResult {
  /** The sweep's name. */
  @ApiProperty({ example: 'tier-expiry' })
  sweep: string;
  asOf: Date;
  /** False when another instance was running the same sweep at that moment: nothing was done here. */
  ran: boolean;
  /** How many records the sweep looked at. */
  @ApiProperty({ type: 'integer', example: 12 })
  examined: number;
  /** How many of them it changed. */
  @ApiProperty({ type: 'integer', example: 3 })
  changed: number;
  /** Sweep-specific figures. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}
