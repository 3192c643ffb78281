/** An option as booking needs it (SPEC §6.1): the locked price and dates, and what was quoted. */
export interface QuotedOption {
  id: string;
  quoteId: string;
  buyerId: string;
  providerId: string;
  laneId: string;
  totalMinor: number;
  currency: string;
  pickupBy: string;
  guaranteedBy: string;
  expiresAt: Date;
  destination: { country: string; postcode: string };
  declaredValueMinor: number;
}

/**
 * What the quotes module tells others about its options: the narrow port orders books through, so
 * no other module names `quotes` or `quote_options` in SQL. Implemented by QuotesRepository, exported
 * by QuotesModule; read in the caller's transaction.
 */
export abstract class QuotedOptions {
  abstract forBooking(optionId: string): Promise<QuotedOption | null>;
}
