import { bookingRefusal, type BookingCheck } from './booking-rules';

const now = new Date('2026-06-01T12:00:00Z');
const option = { buyerId: 'b1', expiresAt: new Date('2026-06-08T12:00:00Z'), destination: { country: 'US', postcode: '90001' } };
const base: BookingCheck = { buyerId: 'b1', option, consignee: { country: 'US', postcode: '90001' }, providerBookable: true, now };

describe('booking refusals (§6.1), checked in order: 404, quote_expired, address_mismatch, provider_unavailable', () => {
  it.each<[string, Partial<BookingCheck>, string | null]>([
    ['a bookable option at the quoted address', {}, null],
    ['no such option', { option: null }, 'option_not_found'],
    ["another buyer's option (404, as if it did not exist)", { buyerId: 'b2' }, 'option_not_found'],
    ['the price lock ended exactly now', { now: option.expiresAt }, 'quote_expired'],
    ['the price lock ends a millisecond later', { now: new Date(option.expiresAt.getTime() - 1) }, null],
    ['another country', { consignee: { country: 'CA', postcode: '90001' } }, 'address_mismatch'],
    ['another postcode', { consignee: { country: 'US', postcode: '90002' } }, 'address_mismatch'],
    [
      'the postcode in lower case with spaces',
      { option: { ...option, destination: { country: 'GB', postcode: 'SW1A 1AA' } }, consignee: { country: 'GB', postcode: 'sw1a1aa' } },
      null,
    ],
    ['provider or lane no longer bookable', { providerBookable: false }, 'provider_unavailable'],
    ['expired and unbookable: the expiry answers first', { now: option.expiresAt, providerBookable: false }, 'quote_expired'],
    [
      'wrong address and unbookable: the address answers first',
      { consignee: { country: 'MX', postcode: '01000' }, providerBookable: false },
      'address_mismatch',
    ],
  ])('%s → %s', (_label, change, code) => {
    expect(bookingRefusal({ ...base, ...change })?.code ?? null).toBe(code);
  });
});
