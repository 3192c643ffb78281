import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import { decodeCursor, encodeCursor, type Page } from '../common/pagination/pagination';
import { BookableLanesService, type BookableLane } from './bookable-lanes.service';
import type { MarketEntryDto, MarketQueryDto, ProviderScorecardDto } from './dto/market.dto';
import { compareMarketEntries, scorecard, sortMarketEntries, type MarketOrderFields, type Scorecard } from './market-order';
import { NO_PERFORMANCE, ProviderPerformanceReader } from './provider-performance';
import { ProviderEntity } from './provider.entity';
import type { LaneView } from './providers.mapper';

interface Ranked extends MarketOrderFields {
  scorecard: Scorecard;
  lanes: LaneView[];
}

/**
 * The buyer logistics market (§4.5): listed providers with their matching lanes, from the
 * bookable-lanes cache, ranked by the pure order. The cursor carries the last entry's sort key, so
 * a page continues after it even if providers joined or left in between.
 */
@Injectable()
export class MarketService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookable: BookableLanesService,
    private readonly performance: ProviderPerformanceReader,
  ) {}

  async list(query: MarketQueryDto, now: Date): Promise<Page<MarketEntryDto>> {
    const limit = query.limit ?? 50;
    const after = parseCursor(query.cursor, now);
    const rows = await this.bookable.listedRows(query.destination ?? null, now);

    const byProvider = new Map<string, { provider: BookableLane['provider']; lanes: LaneView[] }>();
    for (const { lane, item } of rows) {
      if ((query.origin && lane.originCountry !== query.origin) || (query.mode && lane.mode !== query.mode)) continue;
      const group = byProvider.get(lane.providerId);
      if (group) group.lanes.push(lane);
      else byProvider.set(lane.providerId, { provider: item.provider, lanes: [lane] });
    }
    const figures = await this.performance.performance([...byProvider.keys()], now);
    const entries: Ranked[] = [...byProvider.values()].map(({ provider, lanes: own }) => {
      const f = figures.get(provider.id) ?? NO_PERFORMANCE;
      const card = scorecard(f.delivered90d, f.late90d, f.activePoints);
      return { id: provider.id, legalName: provider.legalName, demotedUntil: provider.demotedUntil, onTimeRate90d: card.onTimeRate90d, scorecard: card, lanes: own };
    });

    const sorted = sortMarketEntries(entries, now);
    const start = after ? sorted.findIndex((e) => compareMarketEntries(e, after, now) > 0) : 0;
    const rest = start < 0 ? [] : sorted.slice(start);
    const page = rest.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map((e) => ({ provider: { id: e.id, legalName: e.legalName }, scorecard: e.scorecard, lanes: sortLanes(e.lanes) })),
      nextCursor: rest.length > limit && last ? toCursor(last, now) : null,
    };
  }

  async scorecard(providerId: string, now: Date): Promise<ProviderScorecardDto> {
    if (!(await this.dataSource.getRepository(ProviderEntity).existsBy({ id: providerId }))) throw new NotFoundError('Provider');
    const f = (await this.performance.performance([providerId], now)).get(providerId) ?? NO_PERFORMANCE;
    return { providerId, ...scorecard(f.delivered90d, f.late90d, f.activePoints) };
  }
}

const laneKey = (l: LaneView) => `${l.destinationCountry}|${l.mode}|${l.originCountry}|${l.id}`;
const sortLanes = (lanes: LaneView[]) => [...lanes].sort((a, b) => (laneKey(a) < laneKey(b) ? -1 : laneKey(a) > laneKey(b) ? 1 : 0));

/** The sort key of an entry, as of the request: demoted flag, rate, name; the id breaks ties. */
function toCursor(e: Ranked, now: Date): string {
  const demoted = e.demotedUntil !== null && e.demotedUntil.getTime() > now.getTime();
  return encodeCursor({ key: JSON.stringify([demoted, e.onTimeRate90d, e.legalName]), id: e.id });
}

function parseCursor(cursor: string | undefined, now: Date): MarketOrderFields | null {
  const position = decodeCursor(cursor);
  if (!position) return null;
  try {
    const [demoted, rate, legalName] = JSON.parse(position.key) as unknown[];
    if (typeof demoted === 'boolean' && (rate === null || typeof rate === 'number') && typeof legalName === 'string') {
      // A demotion that runs past `now` sorts last; a date far ahead stands for "demoted".
      return { id: position.id, legalName, onTimeRate90d: rate, demotedUntil: demoted ? new Date(now.getTime() + 1) : null };
    }
  } catch {
    /* fall through */
  }
  throw new InvalidInputError('The cursor is not one this API issued.', [{ field: 'cursor', message: 'invalid cursor' }], 'invalid_cursor');
}
