import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BuyersModule } from './buyers/buyers.module';
import { ComplianceModule } from './compliance/compliance.module';
import { OrdersModule } from './orders/orders.module';
import { QuotesModule } from './quotes/quotes.module';
import { Clock } from './common/clock';
import { CommonModule } from './common/common.module';
import { REGISTRATION_LIMITED } from './common/throttling/throttling';
import { RateLimitStore } from './common/throttling/rate-limit.store';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { StartupService } from './database/startup.service';
import { TransactionContext } from './database/transaction-context';
import { HealthModule } from './health/health.module';
import { EventsModule } from './events/events.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ProvidersModule } from './providers/providers.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  clock?: Clock;
  /** Extra modules (tests mount probe routes this way). */
  extraModules?: ModuleMetadata['imports'];
}

function throttlerOptions(config: AppConfig, reflector: Reflector, storage: RateLimitStore): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: config.rateLimitPerMin },
      {
        name: 'registration',
        ttl: 60_000,
        limit: config.rateLimitRegistrationPerMin,
        skipIf: (context) => !reflector.get<boolean>(REGISTRATION_LIMITED, context.getHandler()),
      },
    ],
    storage,
  };
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, clock, extraModules = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        // main.ts waits for the database before building the app (waitForDatabase): no second retry
        // loop here, which would retry permanent errors too and log a stack trace for each attempt.
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config.dbPoolSize, config.dbPreparedStatements), toRetry: () => false }),
        ThrottlerModule.forRootAsync({
          inject: [Reflector, RateLimitStore],
          useFactory: (reflector: Reflector, storage: RateLimitStore) => throttlerOptions(config, reflector, storage),
        }),
        ...(config.schedulerEnabled ? [ScheduleModule.forRoot()] : []),
        CommonModule,
        HealthModule,
        EventsModule,
        WebhooksModule,
        BuyersModule,
        ProvidersModule,
        QuotesModule,
        ComplianceModule,
        OrdersModule,
        ...extraModules,
      ],
      providers: [{ provide: Clock, useValue: clock ?? new Clock() }, StartupService, TransactionContext],
      exports: [Clock, TransactionContext],
    };
  }
}
