import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import type { DestinationStream, Logger as Pino } from 'pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type AppModuleOptions } from './app.module';
import type { Clock } from './common/clock';
import { bindRequestScope, createRootLogger, PinoNestLogger } from './common/logging/logger';
import { MetricsService } from './common/metrics/metrics.service';
import { installHttpErrorHandling, httpLayerOptions } from './common/errors/http-errors';
import { SECURITY_HEADERS } from './common/security-headers';
import { createValidationPipe, installInputRules } from './common/validation';
import { trustProxyOption, type AppConfig } from './config/config';
import { StartupService } from './database/startup.service';
import type { DemoSummary } from './database/seed/demo-data';
import { setupOpenApi } from './openapi/openapi';

export const BODY_LIMIT_BYTES = 1_048_576;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface CreateAppOptions {
  databaseUrl: string;
  clock?: Clock;
  extraModules?: AppModuleOptions['extraModules'];
  /** The process's logger (main.ts made it); otherwise one is made at `config.logLevel`, on `logStream` or stdout. */
  logger?: Pino;
  logStream?: DestinationStream;
}

export interface CreatedApp {
  app: NestFastifyApplication;
  demo: DemoSummary | null;
}

/**
 * Builds the whole application, as `main.ts` serves it and the HTTP tests drive it: one pino logger
 * shared by Fastify and Nest (one JSON line per request), request ids, security headers, CORS,
 * validation, problem+json errors, OpenAPI, migrations, the admin key and demo data.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions): Promise<CreatedApp> {
  const root = options.logger ?? createRootLogger(config.logLevel, options.logStream);
  const adapter = new FastifyAdapter({
    loggerInstance: root,
    // Fastify's two lines per request are replaced by our one line in onResponse.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: BODY_LIMIT_BYTES,
    ...httpLayerOptions(),
    trustProxy: trustProxyOption(config.trustProxy),
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, ...options }),
    adapter,
    // Only JSON bodies are read, by installInputRules' parser.
    { logger: new PinoNestLogger(root), abortOnError: false, bodyParser: false },
  );

  const fastify = app.getHttpAdapter().getInstance();
  installInputRules(fastify, BODY_LIMIT_BYTES);
  installHttpErrorHandling(fastify);
  const metrics = app.get(MetricsService);
  bindRequestScope(fastify);
  // Headers every answer carries, refusals of the HTTP layer (preflights, parse errors) included.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    // request.log carries the requestId.
    request.log.info(
      { method: request.method, route, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 100) / 100 },
      'request',
    );
    done();
  });

  app.enableCors({
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
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
