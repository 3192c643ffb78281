import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  /** `ok` when healthy. */
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

export class HealthChecksDto {
  /** The database answers and every migration is applied. */
  @ApiProperty({ enum: ['up'] })
  database: 'up';
  /**
   * Only when REDIS_URL is set. `down`: rate limits are counted in each instance's memory until
   * Redis is back; the service stays ready.
   */
  @ApiPropertyOptional({ enum: ['up', 'down'] })
  redis?: 'up' | 'down';
}

export class ReadyDto extends HealthDto {
  checks: HealthChecksDto;
}
