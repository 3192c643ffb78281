/**
 * Writes the OpenAPI document to openapi.json (`npm run openapi`), or with `--check` fails when the
 * checked-in copy differs from what the code describes. Runs from dist/ because the Swagger CLI
 * plugin (which reads the DTOs' types and doc comments) works at `nest build` time.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/config';
import { buildOpenApiDocument } from '../src/openapi/openapi';

export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

/** The application's modules and controllers, scanned in preview mode: no provider runs, no database is needed. */
export async function withPreviewApp<T>(use: (app: INestApplication) => T): Promise<T> {
  const config = { ...loadConfig({}), schedulerEnabled: false, logLevel: 'silent' as const };
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: 'postgres://unused/none' }), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  try {
    return use(app);
  } finally {
    await app.close();
  }
}

export async function generateOpenApi(): Promise<string> {
  const document = await withPreviewApp(buildOpenApiDocument);
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const generated = await generateOpenApi();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OPENAPI_FILE, 'utf8');
    if (current !== generated) {
      process.stderr.write('openapi.json is stale: run `npm run openapi` and commit it.\n');
      process.exit(1);
    }
    process.stdout.write('openapi.json is up to date\n');
    return;
  }
  writeFileSync(OPENAPI_FILE, generated);
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
