import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { Clock } from '../clock';
import { NotFoundError } from '../errors/domain-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { RunSweepDto, SweepResultDto } from './dto/sweep.dto';
import { SweepsRegistry } from './sweeps.registry';

export const SWEEP_NAMES = ['tier-expiry', 'qualification', 'pickup-obligation'];

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
