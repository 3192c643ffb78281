import { TEST_DB_PREPARES } from './test-database';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../src/app.setup';
import { TestClock } from '../../src/common/clock';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { withContract } from './contract';

export const TEST_ADMIN_KEY = 'blm_test_admin_key_000000000000000000000000';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  clock: TestClock;
  dataSource: DataSource;
  admin: { Authorization: string };
  close(): Promise<void>;
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ DATABASE_URL: process.env.TEST_DB_URL, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    adminApiKey: TEST_ADMIN_KEY,
    demoData: false,
    schedulerEnabled: false,
    dbPoolSize: 8,
    // TEST_DB_URL is a postgres:// URL on either kind: the kind decides.
    dbPreparedStatements: TEST_DB_PREPARES,
    rateLimitPerMin: 1_000_000,
    rateLimitRegistrationPerMin: 1_000_000,
    rateLimitAuthFailuresPerMin: 1_000_000,
    // Tests share one database: only the webhook tests deliver (each with the config it needs).
    webhooksEnabled: false,
    ...overrides,
  };
}

/**
 * A real application instance on the run's test database, driven over HTTP by supertest; every
 * response is checked against openapi.json (test/support/contract.ts).
 */
export async function createTestApp(
  options: {
    config?: Partial<AppConfig>;
    clock?: TestClock;
    extraModules?: CreateAppOptions['extraModules'];
    logStream?: CreateAppOptions['logStream'];
    databaseUrl?: string;
  } = {},
): Promise<TestApp> {
  const url = options.databaseUrl ?? process.env.TEST_DB_URL;
  if (!url) throw new Error('TEST_DB_URL is not set: run the tests through jest (its global setup creates the database)');
  const clock = options.clock ?? new TestClock();
  const { app } = await createApp(testConfig(options.config), {
    databaseUrl: url,
    clock,
    extraModules: options.extraModules,
    logStream: options.logStream,
  });
  return {
    app,
    http: withContract(request(app.getHttpServer())),
    clock,
    dataSource: app.get(DataSource),
    admin: bearer(TEST_ADMIN_KEY),
    close: () => app.close(),
  };
}

/** Race tests need real concurrency: PGlite runs one transaction at a time. */
export const onPostgres = process.env.TEST_DB === 'postgres' ? describe : describe.skip;
