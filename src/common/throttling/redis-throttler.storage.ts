import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import Redis from 'ioredis';

// One round trip: count the hit, start the window on the first hit, block once over the limit.
const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return {hits, ttl, blocked}
`;

const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * Rate-limit counters in Redis, so that every instance behind a load balancer shares the limits.
 * While Redis is unreachable every command fails at once (no offline queue, a short command
 * timeout), so the caller can fall back instead of waiting; the client reconnects by itself,
 * backing off to one attempt every 5 s, and reports through the application's logger.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('Redis');
  private readonly redis: Redis;
  private outage = false;

  constructor(url: string) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, MAX_RECONNECT_DELAY_MS),
    });
    // Without a listener ioredis prints every failed attempt to stderr as "Unhandled error event".
    this.redis.on('error', (error: Error) => {
      if (this.outage) return this.logger.debug(`still unreachable: ${error.message}`);
      this.outage = true;
      this.logger.warn(`connection lost (${error.message}); reconnecting in the background`);
    });
    this.redis.on('ready', () => {
      if (!this.outage) return;
      this.outage = false;
      this.logger.log('connection restored');
    });
  }

  get connected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Waits (at most the connect timeout) for the first connection, so the first requests share limits. */
  async whenReady(): Promise<void> {
    if (this.connected) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 2_000);
      this.redis.once('ready', done);
    });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `blm:throttle:${throttlerName}:${key}`;
    const [hits, ttlMs, blockedMs] = (await this.redis.eval(SCRIPT, 2, base, `${base}:blocked`, ttl, limit, blockDuration)) as [
      number,
      number,
      number,
    ];
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.max(0, Math.ceil(blockedMs / 1000)),
    };
  }

  async blockedFor(key: string, throttlerName: string): Promise<number> {
    const ms = await this.redis.pttl(`blm:throttle:${throttlerName}:${key}:blocked`);
    return Math.max(0, Math.ceil(ms / 1000));
  }

  async close(): Promise<void> {
    if (this.connected) await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}
