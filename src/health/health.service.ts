import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';

class ServiceUnavailableError extends DomainError {
  readonly status = 503;
}

@Injectable()
export class HealthService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertReady(): Promise<void> {
    let pending: boolean;
    try {
      pending = await this.dataSource.showMigrations();
    } catch {
      throw new ServiceUnavailableError('service_unavailable', 'The database is unreachable.');
    }
    if (pending) throw new ServiceUnavailableError('service_unavailable', 'Database migrations are pending.');
  }
}
