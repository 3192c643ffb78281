import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/auth/decorators';
import { ApiPublicErrors } from '../common/openapi/api-errors.decorator';
import { HealthDto } from './dto/health.dto';
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

  /** The database answers and every migration is applied. */
  @Get('ready')
  @ApiOkResponse({ type: HealthDto })
  @ApiPublicErrors('service_unavailable')
  async ready(): Promise<HealthDto> {
    await this.health.assertReady();
    return { status: 'ok' };
  }
}
