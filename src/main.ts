import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup';
import { installRootLogger } from './common/logging/logger';
import { ConfigError, loadConfig, type AppConfig } from './config/config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded/embedded-database';
import type { DemoSummary } from './database/seed/demo-data';

const log = new Logger('Main');

async function main(): Promise<void> {
  installRootLogger('info'); // until the configuration names the level
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      log.fatal({ msg: 'invalid configuration', problems: error.problems });
      process.exit(1);
    }
    throw error;
  }
  const logger = installRootLogger(config.logLevel);

  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: config.dbPoolSize });
  }
  const { app, demo } = await createApp(config, { databaseUrl: config.databaseUrl ?? embedded!.url, logger });

  // Graceful shutdown: stop accepting, finish the requests in flight, then close the database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    log.log(`received ${signal}, shutting down`);
    await app.close().catch(() => undefined);
    await embedded?.stop();
    clearTimeout(force);
    log.log('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${(app.getHttpServer().address() as AddressInfo).port}`;
  const database = embedded ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  log.log({ msg: 'Buyer Logistics Market API ready', url: base, docs: `${base}/docs`, openapi: `${base}/docs-json`, database });
  if (demo) printDemoKeys(demo);
}

/**
 * The demo keys are public fixed strings (the README lists them), printed on every start of a
 * database that holds them. A person at a terminal gets a readable table; anywhere else (Docker, a
 * log collector) they are one more JSON log line, so the stream stays one format.
 */
function printDemoKeys(demo: DemoSummary): void {
  if (!process.stdout.isTTY) {
    log.log({ msg: 'demo data present: public demo API keys (README)', demoKeys: Object.fromEntries(demo.keys.map((k) => [k.label, k.key])) });
    return;
  }
  const lines = ['', '  demo data present; API keys (send as Authorization: Bearer <key>):'];
  for (const key of demo.keys) lines.push(`    ${key.label.padEnd(28)} ${key.role.padEnd(9)} ${key.key}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: Error) => {
  log.fatal({ msg: `failed to start: ${error.message}`, err: error });
  process.exit(1);
});
