import { Injectable, Module } from '@nestjs/common';
import { BuyerTierReader } from '../buyers/buyer-tier.reader';
import { BuyersModule } from '../buyers/buyers.module';
import { BookableLanesService } from '../providers/bookable-lanes.service';
import { ProvidersModule } from '../providers/providers.module';
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

  lanesTo(destinationCountry: string, now: Date): Promise<readonly QuotableLane[]> {
    return this.lanes.forDestination(destinationCountry, now);
  }
}

/** Semi-managed quotes: fixed price, on-time guarantee, goods screening (SPEC §5). Exports QuotedOptions (booking reads options through it). */
@Module({
  imports: [BuyersModule, ProvidersModule],
  controllers: [QuotesController],
  providers: [QuotesService, QuotesRepository, { provide: QuoteInputs, useClass: QuoteInputsAdapter }, { provide: QuotedOptions, useExisting: QuotesRepository }],
  exports: [QuotedOptions],
})
export class QuotesModule {}
