import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Roles } from '../auth/decorators';
import { Clock } from '../clock';
import { NotFoundError } from '../errors/domain-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { IsInstant } from '../validators';
import { SweepsRegistry, type SweepResult } from './sweeps.registry';

export const SWEEP_NAMES = ['tier-expiry', 'qualification', 'pickup-obligation'];

export class RunSweepDto {
  /** The instant to sweep as of (ISO 8601); default now. Lets operators and tests replay a date. */
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
  constructor(
    private readonly sweeps: SweepsRegistry,
    private readonly clock: Clock,
  ) {}

  /** Run a sweep now (`tier-expiry`, `qualification`, `pickup-obligation`), optionally as of an instant. */
  @Post(':name')
  @HttpCode(200)
  @Roles('admin')
  @ApiParam({ name: 'name', enum: SWEEP_NAMES })
  @ApiErrors('forbidden', 'not_found')
  async run(@Param('name') name: string, @Body() body: RunSweepDto): Promise<SweepResultDto> {
    if (!this.sweeps.has(name)) throw new NotFoundError(`Sweep "${name}"`);
    return this.sweeps.run(name, body.asOf ? new Date(body.asOf) : this.clock.now());
  }
}
