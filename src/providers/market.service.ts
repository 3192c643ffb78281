import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { decodeCursor, encodeCursor, type Page } from '../common/pagination/pagination';
import { BookableLanesService, type ListedRow } from './bookable-lanes.service';
import type { MarketEntryDto, MarketQueryDto, ProviderScorecardDto } from './dto/market.dto';
import { compareMarketEntries, scorecard, sortMarketEntries, type MarketOrderFields } from './market-order';
import { NO_PERFORMANCE, ProviderPerformanceReader } from './provider-performance';
import { ProvidersRepository } from './providers.repository';
import type { LaneView } from './providers.mapper';
import { isListed } from './qualification';

/**
 * How long the market listing may show a provider's scorecard figures (delivered/late in 90 days,
 * active points) after reading them — the scorecard staleness bound of the listing. A change of the
 * market version (any lane or listing change, every violation) drops them at once on this instance
 * and within the 1 s version check on others; a delivered order is seen within this bound.
 * `GET /v1/providers/{id}/scorecard` always reads the figures afresh.
 */
export const MARKET_SCORECARD_TTL_MS = 5_000;
/** At most this many (destination, mode, origin) views are kept; beyond it the map is cleared. */
const MAX_VIEWS = 500;

interface Ranked extends MarketOrderFields {
  provider: ListedRow['provider'];
  /** The answer's entry, built once: shared between requests, never mutated. */
  dto: MarketEntryDto;
}

/** The listing for one instant range: valid for every `now` in [from, until). */
interface Ordering {
  from: number;
  until: number;
  entries: Ranked[];
  /** The cursor of each entry (the demoted flag in it is the same over the whole range). */
  cursors: string[];
}

/** One (destination, mode, origin) filter over one bookable-lanes snapshot, with figures as of `asOf`. */
interface View {
  rows: readonly ListedRow[];
  asOf: number;
  /** Wall clock (Date.now()) when the figures were read: they are used up to the TTL after. */
  loadedAt: number;
  /** Every provider with a matching lane, listed now or not (a restriction ends by the clock). */
  ranked: Ranked[];
  /** Instants at which a restriction or a demotion starts/ends, ascending. */
  boundaries: number[];
  ordering: Ordering | null;
}

/**
 * The buyer logistics market (§4.5): listed providers with their matching lanes, from the
 * bookable-lanes cache, ranked by the pure order. The cursor carries the last entry's sort key, so
 * a page continues after it even if providers joined or left in between.
 *
 * Per request this only slices a page. Per instance it keeps, for each filter, the grouped lanes and
 * the scorecard figures (read in one query, reused for MARKET_SCORECARD_TTL_MS and while `now` stays
 * within that much of the instant they were read for) and the sorted listing. Listing (restrictions)
 * and ranking (demotions) are NOT cached across their boundaries: a sorted listing is reused only
 * for `now` between two consecutive restriction/demotion start or end instants, so a demotion that
 * ends moves the provider back at that very instant.
 */
@Injectable()
export class MarketService {
  private readonly views = new Map<string, View>();
  private readonly building = new Map<string, Promise<View>>();

  constructor(
    private readonly providers: ProvidersRepository,
    private readonly bookable: BookableLanesService,
    private readonly performance: ProviderPerformanceReader,
  ) {}

  async list(query: MarketQueryDto, now: Date): Promise<Page<MarketEntryDto>> {
    const limit = query.limit ?? 50;
    const after = parseCursor(query.cursor, now);
    const rows = await this.bookable.snapshot(query.destination ?? null);
    const view = await this.view(`${query.destination ?? ''}|${query.mode ?? ''}|${query.origin ?? ''}`, rows, query, now);
    const { entries, cursors } = ordering(view, now);

    const start = after ? firstAfter(entries, after, now) : 0;
    const end = Math.min(entries.length, start + limit);
    const data = new Array<MarketEntryDto>(end - start);
    for (let i = start; i < end; i++) data[i - start] = entries[i].dto;
    return { data, nextCursor: end < entries.length && end > start ? cursors[end - 1] : null };
  }

  async scorecard(providerId: string, now: Date): Promise<ProviderScorecardDto> {
    if (!(await this.providers.exists(providerId))) throw new NotFoundError('Provider');
    const f = (await this.performance.performance([providerId], now)).get(providerId) ?? NO_PERFORMANCE;
    return { providerId, ...scorecard(f.delivered90d, f.late90d, f.activePoints) };
  }

  /** The cached view when it fits (same snapshot, figures fresh enough); else one build per filter at a time. */
  private async view(key: string, rows: readonly ListedRow[], query: MarketQueryDto, now: Date): Promise<View> {
    const cached = this.views.get(key);
    if (cached && cached.rows === rows && figuresFit(cached, now) && Date.now() - cached.loadedAt < MARKET_SCORECARD_TTL_MS) return cached;
    const pending = this.building.get(key);
    if (pending) {
      const built = await pending;
      if (built.rows === rows && figuresFit(built, now)) return built;
    }
    const build = this.build(rows, query, now);
    this.building.set(key, build);
    try {
      const built = await build;
      const current = this.views.get(key);
      if (!current || current.loadedAt <= built.loadedAt) {
        if (!current && this.views.size >= MAX_VIEWS) this.views.clear();
        this.views.set(key, built);
      }
      return built;
    } finally {
      if (this.building.get(key) === build) this.building.delete(key);
    }
  }

  private async build(rows: readonly ListedRow[], query: MarketQueryDto, now: Date): Promise<View> {
    const byProvider = new Map<string, { provider: ListedRow['provider']; lanes: LaneView[] }>();
    for (const { lane, provider } of rows) {
      if ((query.origin && lane.originCountry !== query.origin) || (query.mode && lane.mode !== query.mode)) continue;
      const group = byProvider.get(lane.providerId);
      if (group) group.lanes.push(lane);
      else byProvider.set(lane.providerId, { provider, lanes: [lane] });
    }
    const loadedAt = Date.now();
    const figures = await this.performance.performance([...byProvider.keys()], now);
    const ranked: Ranked[] = [];
    const boundaries = new Set<number>();
    for (const { provider, lanes } of byProvider.values()) {
      const f = figures.get(provider.id) ?? NO_PERFORMANCE;
      const card = scorecard(f.delivered90d, f.late90d, f.activePoints);
      ranked.push({
        id: provider.id,
        legalName: provider.legalName,
        demotedUntil: provider.demotedUntil,
        onTimeRate90d: card.onTimeRate90d,
        provider,
        dto: { provider: { id: provider.id, legalName: provider.legalName }, scorecard: card, lanes: sortLanes(lanes) },
      });
      if (provider.restrictedUntil) boundaries.add(provider.restrictedUntil.getTime());
      if (provider.demotedUntil) boundaries.add(provider.demotedUntil.getTime());
    }
    return { rows, asOf: now.getTime(), loadedAt, ranked, boundaries: [...boundaries].sort((a, b) => a - b), ordering: null };
  }
}

/** Each shared entry's JSON, made at most once (entries are immutable and live as long as their view). */
const entryJson = new WeakMap<MarketEntryDto, string>();

/**
 * The page as JSON, byte for byte what JSON.stringify gives, but joining each entry's JSON made once
 * (serialising the page was the largest cost per request). Anything else falls back to JSON.stringify.
 */
export function serializeMarketPage(payload: unknown): string {
  const page = payload as Page<MarketEntryDto>;
  const keys = page !== null && typeof page === 'object' ? Object.keys(page) : [];
  if (keys.length !== 2 || keys[0] !== 'data' || keys[1] !== 'nextCursor' || !Array.isArray(page.data)) return JSON.stringify(payload);
  const parts = new Array<string>(page.data.length);
  for (let i = 0; i < page.data.length; i++) {
    const entry = page.data[i];
    let json = entryJson.get(entry);
    if (json === undefined) {
      json = JSON.stringify(entry);
      entryJson.set(entry, json);
    }
    parts[i] = json;
  }
  return `{"data":[${parts.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

/** Figures read for `asOf` serve a `now` less than the TTL away (the 90-day window and point expiry move with it). */
const figuresFit = (view: View, now: Date) => Math.abs(now.getTime() - view.asOf) < MARKET_SCORECARD_TTL_MS;

/**
 * The listed, sorted entries at `now`. Who is listed (restrictions) and who is demoted change only at
 * the boundary instants, so one sort serves every `now` between two of them.
 */
function ordering(view: View, now: Date): Ordering {
  const t = now.getTime();
  if (view.ordering && view.ordering.from <= t && t < view.ordering.until) return view.ordering;
  let from = -Infinity;
  let until = Infinity;
  for (const b of view.boundaries) {
    if (b <= t) from = b;
    else {
      until = b;
      break;
    }
  }
  const entries = sortMarketEntries(
    view.ranked.filter((e) => isListed(e.provider, now)),
    now,
  );
  const cursors = entries.map((e) => toCursor(e, now));
  view.ordering = { from, until, entries, cursors };
  return view.ordering;
}

/** The index of the first entry after the cursor's position (entries are sorted by the same order). */
function firstAfter(entries: readonly Ranked[], after: MarketOrderFields, now: Date): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareMarketEntries(entries[mid], after, now) > 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const laneKey = (l: LaneView) => `${l.destinationCountry}|${l.mode}|${l.originCountry}|${l.id}`;
const sortLanes = (lanes: LaneView[]) => [...lanes].sort((a, b) => (laneKey(a) < laneKey(b) ? -1 : laneKey(a) > laneKey(b) ? 1 : 0));

/** The sort key of an entry, as of the request: demoted flag, rate, name; the id breaks ties. */
function toCursor(e: MarketOrderFields, now: Date): string {
  const demoted = e.demotedUntil !== null && e.demotedUntil.getTime() > now.getTime();
  return encodeCursor({ key: JSON.stringify([demoted, e.onTimeRate90d, e.legalName]), id: e.id });
}

/** The market's sort key as `toCursor` writes it: [demoted, rate 0–1 or null, legal name]. */
function marketKey(key: string): boolean {
  try {
    const parsed: unknown = JSON.parse(key);
    if (!Array.isArray(parsed) || parsed.length !== 3) return false;
    const [demoted, rate, legalName] = parsed as unknown[];
    return (
      typeof demoted === 'boolean' &&
      (rate === null || (typeof rate === 'number' && rate >= 0 && rate <= 1)) &&
      typeof legalName === 'string' &&
      legalName.length <= 200 &&
      JSON.stringify(parsed) === key
    );
  } catch {
    return false;
  }
}

function parseCursor(cursor: string | undefined, now: Date): MarketOrderFields | null {
  const position = decodeCursor(cursor, marketKey);
  if (!position) return null;
  const [demoted, rate, legalName] = JSON.parse(position.key) as [boolean, number | null, string];
  // A demotion that runs past `now` sorts last; a date far ahead stands for "demoted".
  return { id: position.id, legalName, onTimeRate90d: rate, demotedUntil: demoted ? new Date(now.getTime() + 1) : null };
}
