import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { RateLimitStore } from '../common/throttling/rate-limit.store';

class ServiceUnavailableError extends DomainError {
  readonly status = 503;
}

export interface HealthChecks {
  database: 'up';
  /** Only with REDIS_URL. `down` degrades (rate limits per instance) but does not make the service unready. */
  redis?: 'up' | 'down';
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
  checks(): HealthChecks {
    const redis = this.rateLimits.redisState();
    return redis ? { database: 'up', redis } : { database: 'up' };
  }
}
