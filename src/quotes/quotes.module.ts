import { Injectable, Module } from '@nestjs/common';
import { BuyerTierReader } from '../buyers/buyer-tier.reader';
import { BuyersModule } from '../buyers/buyers.module';
import { BookableLanesService, type ListedRow } from '../providers/bookable-lanes.service';
import { ProvidersModule } from '../providers/providers.module';
import { isListed } from '../providers/qualification';
import type { QuoteMode } from './chargeable';
import type { BuyerTerms, QuotableLane } from './quote-builder';
import { QuoteInputs } from './quote-inputs';
import { QuotedOptions } from './quoted-options';
import { QuotesController } from './quotes.controller';
import { QuotesRepository } from './quotes.repository';
import { QuotesService } from './quotes.service';

/** Wires the quotes' narrow port to the buyers' tier reader and the providers' bookable-lanes cache. */
@Injectable()
class QuoteInputsAdapter extends QuoteInputs {
  constructor(
    private readonly tiers: BuyerTierReader,
    private readonly lanes: BookableLanesService,
  ) {
    super();
  }

  async buyerTerms(buyerId: string): Promise<BuyerTerms> {
    const { tier, discountBps, quoteValidityHours, automaticCompensation } = await this.tiers.tierOf(buyerId);
    return { tier, discountBps, quoteValidityHours, automaticCompensation };
  }

  /**
   * The cached snapshot to the destination, indexed once per snapshot (same array until the market
   * changes) by origin and mode: a quote touches the lanes of its route, not every lane to the country.
   */
  async lanesOn(route: { origin: string; destination: string; mode?: QuoteMode }, now: Date): Promise<readonly QuotableLane[]> {
    const rows = await this.lanes.snapshot(route.destination);
    let index = this.byRoute.get(rows);
    if (!index) this.byRoute.set(rows, (index = indexByRoute(rows)));
    const out: QuotableLane[] = [];
    for (const row of index.get(routeKey(route.origin, route.mode)) ?? []) if (isListed(row.provider, now)) out.push(row.item);
    return out;
  }

  private readonly byRoute = new WeakMap<readonly ListedRow[], Map<string, ListedRow[]>>();
}

const routeKey = (origin: string, mode: QuoteMode | undefined) => `${origin}|${mode ?? '*'}`;

function indexByRoute(rows: readonly ListedRow[]): Map<string, ListedRow[]> {
  const index = new Map<string, ListedRow[]>();
  for (const row of rows) {
    for (const key of [routeKey(row.item.originCountry, row.item.mode), routeKey(row.item.originCountry, undefined)]) {
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(row);
    }
  }
  return index;
}

/** Semi-managed quotes: fixed price, on-time guarantee, goods screening (SPEC §5). Exports QuotedOptions (booking reads options through it). */
@Module({
  imports: [BuyersModule, ProvidersModule],
  controllers: [QuotesController],
  providers: [
    QuotesService,
    QuotesRepository,
    { provide: QuoteInputs, useClass: QuoteInputsAdapter },
    { provide: QuotedOptions, useExisting: QuotesRepository },
  ],
  exports: [QuotedOptions],
})
export class QuotesModule {}
