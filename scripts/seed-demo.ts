/** npm run seed:demo — adds the demo dataset (idempotent) and prints the demo API keys. */
import 'reflect-metadata';
import { createApp } from '../src/app.setup';
import { loadConfig } from '../src/config/config';
import { seedDemoData } from '../src/database/seed/demo-data';
import { startEmbeddedDatabase } from '../src/database/embedded/embedded-database';
import { ModuleRef } from '@nestjs/core';

async function main(): Promise<void> {
  const config = { ...loadConfig(), demoData: false, schedulerEnabled: false, logLevel: 'warn' as const };
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 4 });
  const { app } = await createApp(config, { databaseUrl: config.databaseUrl ?? embedded!.url });
  try {
    const summary = await seedDemoData(app.get(ModuleRef));
    console.log('demo data seeded; API keys (send as Authorization: Bearer <key>):');
    for (const key of summary.keys) console.log(`  ${key.label.padEnd(28)} ${key.role.padEnd(9)} ${key.key}`);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
