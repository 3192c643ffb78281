import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/auth/decorators';
import { ApiPublicErrors } from '../common/openapi/api-errors.decorator';
import { HealthDto, ReadyDto } from './dto/health.dto';
import { HealthService } from './health.service';

@ApiTags('Operations')
@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up (no dependency is checked). */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  /** The database answers and every migration is applied; `checks` names a degraded dependency (Redis). */
  @Get('ready')
  @ApiOkResponse({ type: ReadyDto })
  @ApiPublicErrors('service_unavailable')
  async ready(): Promise<ReadyDto> {
    await this.health.assertReady();
    return { status: 'ok', checks: this.health.checks() };
  }
}
