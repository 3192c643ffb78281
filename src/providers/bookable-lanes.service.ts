import { Injectable } from '@nestjs/common';
import { BookableLanesRepository, type BookableRow } from './bookable-lanes.repository';
import type { LaneView } from './providers.mapper';
import { isListed } from './qualification';

/** A lane the quotes work may price: active, and its provider listed at `now` (§4.1). */
export interface BookableLane extends LaneView {
  provider: { id: string; legalName: string; demotedUntil: Date | null };
}

/** How often an instance asks the database whether another instance changed the market. */
export const MARKET_VERSION_CHECK_MS = 1_000;

/** A cached row: the lane as quotes see it (`item`), the bare lane (`lane`) and the provider facts. */
export interface ListedRow {
  item: BookableLane;
  lane: LaneView;
  provider: BookableRow['provider'];
}

interface Entry {
  version: string;
  rows: ListedRow[];
}

const ALL = '*';

/**
 * The read path for "all bookable lanes to a destination", called many times a second by quotes and
 * the market listing. Cached in process per destination:
 * - a change made through this instance calls `invalidate()` after its commit: visible at once here;
 * - a change made on another instance bumps `market_version` in its transaction; this instance
 *   compares that counter at most every MARKET_VERSION_CHECK_MS (1 s), so it sees the change
 *   within 1 s (plus one query) — that is the staleness bound across instances;
 * - restrictions end by the clock, so `restrictedUntil` is compared with `now` on every read, never
 *   baked into the cache.
 * Returned objects are shared between callers: treat them as read-only.
 */
@Injectable()
export class BookableLanesService {
  private readonly entries = new Map<string, Entry>();
  private knownVersion: string | null = null;
  private checkedAt = 0;
  private checking: Promise<void> | null = null;
  /** Bumped by invalidate(): a check or load that started before it must not refill the cache. */
  private generation = 0;

  constructor(private readonly repo: BookableLanesRepository) {}

  /** Active lanes of listed providers (qualified, no running restriction at `now`) to `destinationCountry`. */
  async forDestination(destinationCountry: string, now: Date): Promise<BookableLane[]> {
    return this.read(destinationCountry, now);
  }

  /** The same for every destination (the market listing without a destination filter). */
  async all(now: Date): Promise<BookableLane[]> {
    return this.read(ALL, now);
  }

  /**
   * The cached rows to `destinationCountry` (null: all), NOT filtered by listing: the same array
   * (by identity) until the market version changes or `invalidate()` runs, so a caller may key its
   * own derived cache on it. Shared: read-only. Compare `isListed(row.provider, now)` yourself.
   */
  async snapshot(destinationCountry: string | null): Promise<readonly ListedRow[]> {
    return this.rows(destinationCountry ?? ALL);
  }

  /** Drops this instance's cache; call after committing any change to lanes or provider listing. */
  invalidate(): void {
    this.entries.clear();
    this.checkedAt = 0;
    this.generation++;
  }

  private async read(key: string, now: Date): Promise<BookableLane[]> {
    const out: BookableLane[] = [];
    for (const row of await this.rows(key)) if (isListed(row.provider, now)) out.push(row.item);
    return out;
  }

  private async rows(key: string): Promise<ListedRow[]> {
    if (Date.now() - this.checkedAt >= MARKET_VERSION_CHECK_MS) await this.checkVersion();
    let entry = this.entries.get(key);
    if (!entry || entry.version !== this.knownVersion) entry = await this.load(key);
    return entry.rows;
  }

  /** One version query at a time, however many reads are waiting for it. */
  private checkVersion(): Promise<void> {
    const generation = this.generation;
    this.checking ??= this.repo
      .version()
      .then((version) => {
        if (generation !== this.generation) return;
        if (version !== this.knownVersion) this.entries.clear();
        this.knownVersion = version;
        this.checkedAt = Date.now();
      })
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async load(key: string): Promise<Entry> {
    const generation = this.generation;
    const { version, rows } = await this.repo.load(key === ALL ? null : key);
    const entry: Entry = {
      version,
      rows: rows.map((r) => ({
        provider: r.provider,
        lane: r.lane,
        item: { ...r.lane, provider: { id: r.provider.id, legalName: r.provider.legalName, demotedUntil: r.provider.demotedUntil } },
      })),
    };
    if (generation !== this.generation) return entry;
    // Versions only grow: a newer snapshot makes every other entry stale; an older one (a load that
    // raced a change) is served once but not kept.
    if (this.knownVersion === null || BigInt(version) > BigInt(this.knownVersion)) {
      this.entries.clear();
      this.knownVersion = version;
    }
    if (version === this.knownVersion) this.entries.set(key, entry);
    return entry;
  }
}
