import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage (fixed window)', () => {
  it('counts hits in a window, blocks past the limit, and opens a new window after the TTL', async () => {
    let now = 1_000_000;
    const storage = new MemoryThrottlerStorage(() => now);
    for (let i = 1; i <= 3; i++)
      expect(await storage.increment('k', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await storage.increment('k', 60_000, 3, 60_000, 'default')).toMatchObject({
      totalHits: 4,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    // Another key and another throttler have their own windows.
    expect(await storage.increment('other', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('k', 60_000, 3, 60_000, 'registration')).toMatchObject({ totalHits: 1, isBlocked: false });
    now += 30_000;
    expect(await storage.increment('k', 60_000, 3, 60_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_000;
    expect(await storage.increment('k', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    storage.onApplicationShutdown();
  });
});
