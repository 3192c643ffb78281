import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Window {
  hits: number;
  windowEndsAt: number;
  blockedUntil: number;
}

/**
 * Fixed-window counters in memory, O(1) per request. The throttler's built-in storage keeps one
 * timestamp per hit and filters the list on every request, which costs more than the rest of an
 * authenticated request at the limits we allow (measured: bench/foundation.js). Same semantics as
 * RedisThrottlerStorage, so behaviour does not change when REDIS_URL is set.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(now: () => number = Date.now) {
    this.now = now;
    this.sweeper = setInterval(() => this.sweep(), 60_000).unref();
  }

  private readonly now: () => number;

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const id = `${throttlerName}:${key}`;
    const now = this.now();
    let window = this.windows.get(id);
    if (!window || window.windowEndsAt <= now) {
      window = { hits: 0, windowEndsAt: now + ttl, blockedUntil: window?.blockedUntil ?? 0 };
      this.windows.set(id, window);
    }
    window.hits += 1;
    if (window.blockedUntil <= now && window.hits > limit) window.blockedUntil = now + blockDuration;
    const blocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.ceil((window.windowEndsAt - now) / 1000),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
  }

  /** Seconds until the key's block ends (0 when not blocked), without counting a hit. */
  blockedFor(key: string, throttlerName: string): number {
    const blockedUntil = this.windows.get(`${throttlerName}:${key}`)?.blockedUntil ?? 0;
    return Math.max(0, Math.ceil((blockedUntil - this.now()) / 1000));
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, window] of this.windows) {
      if (window.windowEndsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }
}
