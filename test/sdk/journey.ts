/**
 * The whole partner journey through the typed SDK alone, against a live server: register a buyer
 * and earn L3, qualify a provider with a lane, quote, book (and replay the booking), track the order
 * to a late delivery, read the credit it earned. Type-checked with `tsc --strict`, without casts
 * (test/sdk/sdk-types.spec.ts); test/sdk/sdk-journey.spec.ts runs it and checks the numbers.
 */
import { randomUUID } from 'node:crypto';
import { createBlmClient, type Problem, type Schemas } from '../../clients/typescript/src';
import { DOCS } from '../providers/documents.example';
import { EXAMPLE_PIECES, EXAMPLE_RATE_CARD } from '../../src/quotes/spec-example';

export interface JourneyServer {
  baseUrl: string;
  adminKey: string;
  /** Moves the server's clock (the test's TestClock): lateness needs days to pass. */
  setClock(instant: string): void;
}

export interface JourneyResult {
  tier: Schemas['TierDto'];
  qualification: Schemas['QualificationResultDto'];
  quote: Schemas['QuoteDto'];
  booked: Schemas['OrderDto'];
  replayed: { status: number; replayedHeader: string | null; order: Schemas['OrderDto'] };
  delivered: Schemas['OrderDto'];
  credits: Schemas['CreditPageDto'];
}

/** openapi-fetch answers `{ data }` or `{ error }`; a step that fails stops the journey with the problem. */
function ok<T>(step: string, result: { data?: T; error?: Problem | undefined; response: Response }): T {
  if (result.data === undefined) throw new Error(`${step}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

const ORIGIN = 'MV'; // this journey's own lanes (no other test file quotes from the Maldives)

const party = (name: string, country: string, postcode: string): Schemas['PartyDto'] => ({
  name,
  phone: '+1 907 555 0100',
  address: { line1: '1 Harbor Rd', city: 'Anchorage', postcode, country },
});

export async function runJourney(server: JourneyServer): Promise<JourneyResult> {
  const { baseUrl } = server;
  const open = createBlmClient({ baseUrl });
  const admin = createBlmClient({ baseUrl, apiKey: server.adminKey });

  // A buyer earns L3 by verified evidence: registered in 2018 (8 years), revenue USD 500,000.
  const registered = ok('register', await open.POST('/v1/buyers', { body: { companyName: 'SDK Journey Imports', country: 'US' } }));
  const buyer = createBlmClient({ baseUrl, apiKey: registered.apiKey });
  const buyerId = registered.buyer.id;
  const evidence: Schemas['SubmitEvidenceDto'][] = [
    {
      type: 'business_registration',
      value: { registrationNumber: '55512345', legalName: 'SDK Journey Imports', country: 'US', yearEstablished: 2018 },
      documentRef: 'doc://registration.pdf',
    },
    { type: 'annual_revenue_usd', value: 500_000, documentRef: 'doc://revenue-2025.pdf' },
  ];
  for (const body of evidence) {
    const submitted = ok('evidence', await buyer.POST('/v1/buyers/{id}/evidence', { params: { path: { id: buyerId } }, body }));
    ok(
      'review evidence',
      await admin.POST('/v1/evidence/{id}/review', { params: { path: { id: submitted.id } }, body: { decision: 'verified' } }),
    );
  }
  const tier = ok('tier', await buyer.GET('/v1/buyers/{id}/tier', { params: { path: { id: buyerId } } }));

  // A provider qualifies with its three documents verified, and publishes a lane.
  const applied = ok('apply', await open.POST('/v1/providers', { body: { legalName: 'SDK Journey Cargo', country: 'CN' } }));
  const provider = createBlmClient({ baseUrl, apiKey: applied.apiKey });
  const providerId = applied.provider.id;
  for (const body of Object.values(DOCS)) {
    const uploaded = ok('document', await provider.POST('/v1/providers/{id}/documents', { params: { path: { id: providerId } }, body }));
    ok(
      'review document',
      await admin.POST('/v1/documents/{id}/review', { params: { path: { id: uploaded.id } }, body: { decision: 'verified' } }),
    );
  }
  const lane: Schemas['CreateLaneDto'] = { ...EXAMPLE_RATE_CARD, originCountry: ORIGIN, destinationCountry: 'US', mode: 'express' };
  ok('lane', await provider.POST('/v1/providers/{id}/lanes', { params: { path: { id: providerId } }, body: lane }));
  const qualification = ok(
    'qualification',
    await provider.POST('/v1/providers/{id}/qualification-check', { params: { path: { id: providerId } } }),
  );

  // Quote the worked example of SPEC §5 (ready today), book its option, and retry the booking.
  const quote = ok(
    'quote',
    await buyer.POST('/v1/quotes', {
      body: {
        origin: { country: ORIGIN },
        destination: { country: 'US', postcode: '99501' },
        pieces: EXAMPLE_PIECES,
        goods: { category: 'apparel', description: 'cotton t-shirts' },
        declaredValue: { amountMinor: 150_000, currency: 'USD' },
      },
    }),
  );
  const option = quote.options[0];
  if (!option) throw new Error(`no option: ${JSON.stringify(quote.unavailable)}`);
  const booking = {
    params: { header: { 'Idempotency-Key': randomUUID() } },
    body: {
      quoteOptionId: option.id,
      shipper: party('Malé Apparel Ltd', ORIGIN, '20026'),
      consignee: party('SDK Journey Imports', 'US', '99501'),
    },
  };
  const booked = ok('book', await buyer.POST('/v1/orders', booking));
  const retry = await buyer.POST('/v1/orders', booking);
  const replayed = {
    status: retry.response.status,
    replayedHeader: retry.response.headers.get('Idempotent-Replayed'),
    order: ok('replay', retry),
  };

  // The provider tracks it; delivered the day after guaranteedBy, it is late.
  const track = async (type: Schemas['OrderEventInputDto']['type'], at: string, location: string) => {
    server.setClock(at);
    return ok(
      type,
      await provider.POST('/v1/orders/{id}/events', { params: { path: { id: booked.id } }, body: { type, occurredAt: at, location } }),
    );
  };
  await track('picked_up', `${booked.pickupBy}T09:00:00Z`, 'Malé');
  await track('in_transit', `${booked.pickupBy}T18:00:00Z`, 'MLE');
  const lateDay = new Date(Date.parse(`${booked.guaranteedBy}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const delivered = await track('delivered', `${lateDay}T08:00:00Z`, 'Anchorage');

  const credits = ok('credits', await buyer.GET('/v1/buyers/{id}/credits', { params: { path: { id: buyerId } } }));
  return { tier, qualification, quote, booked, replayed, delivered, credits };
}
