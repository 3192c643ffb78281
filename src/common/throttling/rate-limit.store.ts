import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { Counter } from 'prom-client';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Where the rate-limit counters live: Redis when REDIS_URL is set, so all instances share them,
 * else this instance's memory. When Redis fails, each request is counted in memory instead (a
 * warning once per outage, `rate_limit_store_errors_total` per failed call), never a 5xx; the
 * next call that Redis answers makes the limits shared again.
 */
@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly memory = new MemoryThrottlerStorage();
  private readonly redis: RedisThrottlerStorage | null;
  private readonly errors: Counter;
  private fallingBack = false;
  private firstConnection: Promise<void> | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: MetricsService) {
    this.redis = config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : null;
    this.errors = metrics.counter(
      'rate_limit_store_errors_total',
      'Rate-limit calls Redis failed, counted in this instance’s memory instead',
    );
  }

  // Once, although Nest calls it for this provider and again as the throttler's storage.
  async onModuleInit(): Promise<void> {
    this.firstConnection ??= this.redis?.whenReady();
    await this.firstConnection;
  }

  /** For /health/ready: null without REDIS_URL. */
  redisState(): 'up' | 'down' | null {
    if (!this.redis) return null;
    return this.redis.connected ? 'up' : 'down';
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return this.shared(
      (redis) => redis.increment(key, ttl, limit, blockDuration, throttlerName),
      () => this.memory.increment(key, ttl, limit, blockDuration, throttlerName),
    );
  }

  /** Seconds until the key's block ends (0 when not blocked), without counting a hit. */
  blockedFor(key: string, throttlerName: string): Promise<number> {
    return this.shared(
      (redis) => redis.blockedFor(key, throttlerName),
      async () => this.memory.blockedFor(key, throttlerName),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.memory.onApplicationShutdown();
    await this.redis?.close();
  }

  private async shared<T>(inRedis: (redis: RedisThrottlerStorage) => Promise<T>, inMemory: () => Promise<T>): Promise<T> {
    if (!this.redis) return inMemory();
    try {
      const result = await inRedis(this.redis);
      if (this.fallingBack) {
        this.fallingBack = false;
        this.logger.log('Redis answers again: rate limits are shared across instances again');
      }
      return result;
    } catch (error) {
      this.errors.inc();
      if (!this.fallingBack) {
        this.fallingBack = true;
        this.logger.warn(`Redis failed (${(error as Error).message}): rate limits fall back to this instance’s memory`);
      }
      return inMemory();
    }
  }
}
