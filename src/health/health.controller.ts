import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/auth/decorators';
import { ApiPublicErrors } from '../common/openapi/api-errors.decorator';
import { HealthService } from './health.service';

class HealthDto {
  /** `ok` when healthy. */
  status: 'ok';
}

class HealthChecksDto {
  /** The database answers and every migration is applied. */
  database: 'up';
  /**
   * Only when REDIS_URL is set. `down`: rate limits are counted in each instance's memory until
   * Redis is back; the service stays ready.
   */
  redis?: 'up' | 'down';
}

class ReadyDto extends HealthDto {
  checks: HealthChecksDto;
}

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
