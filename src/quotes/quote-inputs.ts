import type { BuyerTerms, QuotableLane } from './quote-builder';

/**
 * What a quote reads from the other modules: the buyer's tier terms and the bookable lanes to a
 * destination. An abstract class so the quotes module depends on this narrow port, wired in
 * quotes.module.ts to the buyers and providers services.
 */
export abstract class QuoteInputs {
  abstract buyerTerms(buyerId: string): Promise<BuyerTerms>;
  abstract lanesTo(destinationCountry: string, now: Date): Promise<readonly QuotableLane[]>;
}
