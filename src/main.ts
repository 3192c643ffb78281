import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup';
import { installRootLogger } from './common/logging/logger';
import { ConfigError, loadConfig, type AppConfig } from './config/config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded/embedded-database';
import type { DemoSummary } from './database/seed/demo-data';
import { DatabaseStartError, waitForDatabase } from './database/wait-for-database';

const log = new Logger('Main');

/**
 * PostgreSQL: waits until it answers (permanent refusals fail at once). Embedded: starts it, and
 * ends the API if it dies, since every request would fail: a supervisor restarts both.
 */
async function openDatabase(config: AppConfig): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (config.databaseUrl) {
    await waitForDatabase(config.databaseUrl, config.dbStartRetryMs);
    return { url: config.databaseUrl, embedded: null };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: config.dbPoolSize });
  embedded.onUnexpectedExit((how) => {
    new Logger('Database').fatal(
      `the embedded database process ${how}; the API exits (start it again: the data in ${config.dataDir} is kept)`,
    );
    process.exit(1);
  });
  return { url: embedded.url, embedded };
}

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
  // A promise rejected with nobody listening is a bug to log, not a reason to drop every request in
  // flight: each change runs in its own transaction, so nothing half-written survives it. (An uncaught
  // exception still ends the process, as Node does: the stack is on stderr for the supervisor's log.)
  process.on('unhandledRejection', (reason: unknown) => {
    new Logger('Process').error({ msg: 'unhandled promise rejection (the process keeps serving)', err: reason });
  });

  const { url, embedded } = await openDatabase(config);
  const { app, demo } = await createApp(config, { databaseUrl: url, logger });

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
    log.log({
      msg: 'demo data present: public demo API keys (README)',
      demoKeys: Object.fromEntries(demo.keys.map((k) => [k.label, k.key])),
    });
    return;
  }
  const lines = ['', '  demo data present; API keys (send as Authorization: Bearer <key>):'];
  for (const key of demo.keys) lines.push(`    ${key.label.padEnd(28)} ${key.role.padEnd(9)} ${key.key}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: Error) => {
  // A start refusal we diagnosed is one line for the operator; anything else is a bug: keep its stack.
  if (error instanceof DatabaseStartError) log.fatal(`failed to start: ${error.message}`);
  else log.fatal({ msg: `failed to start: ${error.message}`, err: error });
  process.exit(1);
});
