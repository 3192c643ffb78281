import type { QuoteMode } from './chargeable';
import type { BuyerTerms, QuotableLane } from './quote-builder';

/**
 * What a quote reads from the other modules: the buyer's tier terms and the bookable lanes to a
 * destination. An abstract class so the quotes module depends on this narrow port, wired in
 * quotes.module.ts to the buyers and providers services.
 */
export abstract class QuoteInputs {
  abstract buyerTerms(buyerId: string): Promise<BuyerTerms>;
  /**
   * The bookable lanes on a route (any mode when `mode` is omitted), listed at `now`. Only a hint
   * that narrows the work: buildQuote still checks every lane's route and mode.
   */
  abstract lanesOn(route: { origin: string; destination: string; mode?: QuoteMode }, now: Date): Promise<readonly QuotableLane[]>;
}
