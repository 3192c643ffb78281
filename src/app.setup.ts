import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type AppModuleOptions } from './app.module';
import type { Clock } from './common/clock';
import { MetricsService } from './common/metrics/metrics.service';
import { installHttpErrorHandling, httpLayerOptions } from './common/errors/http-errors';
import { createValidationPipe, installInputRules } from './common/validation';
import { trustProxyOption, type AppConfig, type LogLevel } from './config/config';
import { StartupService } from './database/startup.service';
import type { DemoSummary } from './database/seed/demo-data';
import { setupOpenApi } from './openapi/openapi';

export const BODY_LIMIT_BYTES = 1_048_576;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  trace: ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'],
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  fatal: ['fatal'],
  silent: [],
};

export interface CreateAppOptions {
  databaseUrl: string;
  clock?: Clock;
  extraModules?: AppModuleOptions['extraModules'];
}

export interface CreatedApp {
  app: NestFastifyApplication;
  demo: DemoSummary | null;
}

/**
 * Builds the whole application, as `main.ts` serves it and the HTTP tests drive it: Fastify with
 * its built-in pino logger (one JSON line per request), request ids, security headers, CORS,
 * validation, problem+json errors, OpenAPI, migrations, the admin key and demo data.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions): Promise<CreatedApp> {
  const adapter = new FastifyAdapter({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization'] },
    // Fastify's two lines per request are replaced by our one line in onResponse.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    ...httpLayerOptions(),
    trustProxy: trustProxyOption(config.trustProxy),
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const logger = new ConsoleLogger({ json: true, logLevels: NEST_LEVELS[config.logLevel] });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, ...options }),
    adapter,
    // Only JSON bodies are read, by installInputRules' parser.
    { logger, abortOnError: false, bodyParser: false },
  );

  const fastify = app.getHttpAdapter().getInstance();
  installInputRules(fastify, BODY_LIMIT_BYTES);
  installHttpErrorHandling(fastify);
  const metrics = app.get(MetricsService);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    request.log.info(
      { requestId: request.id, method: request.method, route, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 100) / 100 },
      'request',
    );
  });

  await app.register(helmet, {
    // Swagger UI at /docs loads its own scripts and inline styles.
    contentSecurityPolicy: {
      // No upgrade-insecure-requests: on a plain-HTTP deployment it would send the UI's assets to https.
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"], upgradeInsecureRequests: null },
    },
  });
  app.enableCors({
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    maxAge: 600,
  });
  app.setGlobalPrefix('v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);

  const demo = await app.get(StartupService).prepare();
  await app.init();
  await fastify.ready();
  return { app, demo };
}
