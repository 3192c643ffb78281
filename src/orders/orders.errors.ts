import type { ErrorDefinitions } from '../common/errors/error-definitions';

export const ORDER_ERROR_CODES = {
  quote_expired: [409, 'The quote option’s price lock has expired: ask for a new quote.'],
  quote_already_booked: [409, 'An order already exists for this quote (one order per quote).'],
  provider_unavailable: [409, 'The provider or lane is no longer bookable (suspended, restricted or deactivated).'],
  address_mismatch: [422, 'The consignee’s country and postcode must equal the quoted destination.'],
  invalid_transition: [409, 'The order’s status does not allow this event or action now.'],
  invalid_occurred_at: [400, 'occurredAt is before booking or the previous event, or more than 5 minutes ahead.'],
  claim_exists: [409, 'A claim of this type (or the late-delivery compensation) already exists for the order.'],
  claim_too_early: [422, 'A late-delivery claim can be filed only after guaranteedBy.'],
  claim_window_closed: [422, 'The 30-day window to claim after guaranteedBy (or after the loss or delivery) has closed.'],
  claim_not_late: [422, 'The order was delivered on time.'],
  claim_not_allowed: [422, 'This claim type does not fit the order’s status (damaged needs a delivered order, lost a lost one).'],
  claim_already_reviewed: [409, 'The claim was already reviewed.'],
  amount_exceeds_limit: [422, 'The approved amount exceeds the declared value plus the order total.'],
  remedy_too_late: [409, 'A remedy must come before the pickupBy date ends and promise pickup within 3 business days of it.'],
  remedy_exists: [409, 'The order already has a remedy (one per order).'],
} as const satisfies ErrorDefinitions;
