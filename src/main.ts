import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup';
import { ConfigError, loadConfig, type AppConfig } from './config/config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded/embedded-database';
import { waitForDatabase } from './database/wait-for-database';

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
    new Logger('Database').fatal(`the embedded database process ${how}; the API exits (start it again: the data in ${config.dataDir} is kept)`);
    process.exit(1);
  });
  return { url: embedded.url, embedded };
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const { url, embedded } = await openDatabase(config);
  const { app, demo } = await createApp(config, { databaseUrl: url });

  // Graceful shutdown: stop accepting, finish the requests in flight, then close the database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    process.stdout.write(`${JSON.stringify({ msg: `received ${signal}, shutting down` })}\n`);
    await app.close().catch(() => undefined);
    await embedded?.stop();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  const lines = [
    `Buyer Logistics Market API on ${base}`,
    `  Swagger UI: ${base}/docs   OpenAPI: ${base}/docs-json`,
    `  database: ${embedded ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (demo) {
    lines.push('  demo data seeded; API keys (send as Authorization: Bearer <key>):');
    for (const key of demo.keys) lines.push(`    ${key.label.padEnd(28)} ${key.role.padEnd(9)} ${key.apiKey}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`failed to start: ${error.message}\n`);
  process.exit(1);
});
