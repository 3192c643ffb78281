import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { RateLimitStore } from '../common/throttling/rate-limit.store';
import type { HealthChecksDto } from './dto/health.dto';

class ServiceUnavailableError extends DomainError {
  readonly status = 503;
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rateLimits: RateLimitStore,
  ) {}

  async assertReady(): Promise<void> {
    let pending: boolean;
    try {
      pending = await this.dataSource.showMigrations();
    } catch {
      throw new ServiceUnavailableError('service_unavailable', 'The database is unreachable.');
    }
    if (pending) throw new ServiceUnavailableError('service_unavailable', 'Database migrations are pending.');
  }

  /** The state of each dependency, once the service is ready. */
  checks(): HealthChecksDto {
    const redis = this.rateLimits.redisState();
    return redis ? { database: 'up', redis } : { database: 'up' };
  }
}
