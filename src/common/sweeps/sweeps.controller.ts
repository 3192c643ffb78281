import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { RunSweepDto, SweepResultDto } from './dto/sweep.dto';
import { SweepsRegistry } from './sweeps.registry';

export const SWEEP_NAMES = ['tier-expiry', 'qualification', 'pickup-obligation', 'events-retention'];

@ApiTags('Admin')
@ApiBearerAuth()
@Controller('admin/sweeps')
export class SweepsController {
  constructor(private readonly sweeps: SweepsRegistry) {}

  /**
   * Run a sweep now (`tier-expiry`, `qualification`, `pickup-obligation`, `events-retention`), optionally as of an
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
