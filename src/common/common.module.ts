import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AdvisoryLocks } from '../database/advisory-lock';
import { ReadRetryInterceptor } from '../database/read-retry.interceptor';
import { ApiKeysController } from './auth/api-keys.controller';
import { ApiKeysRepository } from './auth/api-keys.repository';
import { ApiKeysService } from './auth/api-keys.service';
import { AuthGuard } from './auth/auth.guard';
import { MeController } from './auth/me.controller';
import { ProblemFilter } from './errors/problem.filter';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { SweepsController } from './sweeps/sweeps.controller';
import { SweepsRegistry } from './sweeps/sweeps.registry';
import { RateLimitStore } from './throttling/rate-limit.store';
import { AppThrottlerGuard } from './throttling/throttling';

/**
 * Cross-cutting pieces every domain module relies on: API keys and the auth guard (first), the
 * rate limiter (second, so it can limit per key), idempotency, the problem filter and metrics.
 * Owns `api_keys` and `idempotency_keys`.
 */
@Global()
@Module({
  controllers: [ApiKeysController, MeController, MetricsController, SweepsController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    IdempotencyRepository,
    IdempotencyService,
    MetricsService,
    SweepsRegistry,
    AdvisoryLocks,
    RateLimitStore,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: ReadRetryInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
  exports: [ApiKeysService, IdempotencyService, MetricsService, SweepsRegistry, RateLimitStore],
})
export class CommonModule {}
