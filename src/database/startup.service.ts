import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../common/auth/api-keys.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { runMigrations } from './migrate';
import { presentDemoKeys, seedDemoData, type DemoSummary } from './seed/demo-data';

/** What happens between connecting and serving: migrations, the admin bootstrap key, demo data. */
@Injectable()
export class StartupService {
  private readonly logger = new Logger('Startup');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly apiKeys: ApiKeysService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Returns the demo keys the database holds (seeded now or on an earlier start), for the banner. */
  async prepare(): Promise<DemoSummary | null> {
    const applied = await runMigrations(this.dataSource);
    if (applied.length > 0) this.logger.log(`applied migrations: ${applied.join(', ')}`);

    const [{ count }] = (await this.dataSource.query('SELECT count(*)::int AS count FROM api_keys')) as { count: number }[];
    if (this.config.adminApiKey) {
      await this.apiKeys.ensure(this.config.adminApiKey, { role: 'admin', subjectId: null, label: 'ADMIN_API_KEY' });
    }
    if (this.config.demoData && count === 0) return seedDemoData(this.moduleRef);
    return presentDemoKeys(this.apiKeys);
  }
}
