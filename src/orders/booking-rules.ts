/**
 * Booking refusals (SPEC §6.1) as one pure rule, checked in this order: the option must exist and be
 * the buyer's (else 404, as if it did not exist), its price lock unexpired (409 `quote_expired`), the
 * consignee at the quoted destination (422 `address_mismatch`; postcodes compared upper-cased without
 * spaces), the provider and lane still bookable (409 `provider_unavailable`). "One order per quote"
 * is the database's unique constraint, decided at the insert.
 */
import { normalizePostcode } from '../quotes/pricing';

export interface BookingCheck {
  buyerId: string;
  option: { buyerId: string; expiresAt: Date; destination: { country: string; postcode: string } } | null;
  consignee: { country: string; postcode: string };
  /** The providers module's answer (BookingLanes); irrelevant when the option is refused first. */
  providerBookable: boolean;
  now: Date;
}

export type BookingRefusal =
  | { code: 'option_not_found' }
  | { code: 'quote_expired'; expiresAt: Date }
  | { code: 'address_mismatch'; destination: { country: string; postcode: string } }
  | { code: 'provider_unavailable' };

export function bookingRefusal(c: BookingCheck): BookingRefusal | null {
  const { option } = c;
  if (!option || option.buyerId !== c.buyerId) return { code: 'option_not_found' };
  if (option.expiresAt.getTime() <= c.now.getTime()) return { code: 'quote_expired', expiresAt: option.expiresAt };
  const d = option.destination;
  if (c.consignee.country !== d.country || normalizePostcode(c.consignee.postcode) !== normalizePostcode(d.postcode)) {
    return { code: 'address_mismatch', destination: d };
  }
  if (!c.providerBookable) return { code: 'provider_unavailable' };
  return null;
}
