import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Roles } from '../auth/decorators';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { IsInstant } from '../validators';
import { SweepsRegistry, type SweepResult } from './sweeps.registry';

export const SWEEP_NAMES = ['tier-expiry', 'qualification', 'pickup-obligation'];

export class RunSweepDto {
  /**
   * The instant to sweep as of (ISO 8601); default now. Lets operators and tests replay a date; more
   * than 5 minutes ahead of the clock is refused (`as_of_in_future`) unless SWEEPS_ALLOW_FUTURE_AS_OF.
   */
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class SweepResultDto implements SweepResult {
  sweep: string;
  asOf: Date;
  /** False when another instance was running the same sweep at that moment. */
  ran: boolean;
  examined: number;
  changed: number;
  details?: Record<string, unknown>;
}

@ApiTags('Admin')
@ApiBearerAuth()
@Controller('admin/sweeps')
export class SweepsController {
  constructor(private readonly sweeps: SweepsRegistry) {}

  /**
   * Run a sweep now (`tier-expiry`, `qualification`, `pickup-obligation`), optionally as of an
   * instant: at most 5 minutes ahead of the server's clock, since a sweep's changes are final.
   */
  @Post(':name')
  @HttpCode(200)
  @Roles('admin')
  @ApiParam({ name: 'name', enum: SWEEP_NAMES })
  @ApiErrors('forbidden', 'not_found', 'as_of_in_future')
  run(@Param('name') name: string, @Body() body: RunSweepDto): Promise<SweepResultDto> {
    return this.sweeps.runRequested(name, body.asOf ? new Date(body.asOf) : undefined);
  }
}
