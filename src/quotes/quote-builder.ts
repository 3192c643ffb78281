/**
 * Builds the options of a quote (SPEC §5) from the request, the bookable lanes to its destination
 * and the buyer's tier terms. Pure: plain data in, plain data out, `now` as an argument. The
 * service fetches, calls this, and stores the result as the quote's snapshot.
 */
import { tierRank, type TierCode } from '../buyers/tier-policy';
import type { RateCard } from '../providers/rate-card';
import { quoteDates, type IsoDate, type QuoteDates } from '../common/calendar';
import { chargeable, kgToGrams, type Chargeable, type Piece, type QuoteMode } from './chargeable';
import { laneAcceptsGoods, screenGoods, type GoodsCategory, type ProhibitionRule } from './goods-screening';
import { priceAmounts, priceLinesOf, type PriceAmounts, type PriceLine } from './pricing';

export const MAX_OPTIONS = 20;
/** §5.4: 10 % of the order total, at most USD 100. */
export const COMPENSATION_BPS = 1000;
export const COMPENSATION_CAP_MINOR = 10_000;

/** A bookable lane (providers' BookableLanesService returns these): its rate card and its provider. */
export interface QuotableLane extends RateCard {
  id: string;
  providerId: string;
  provider: { legalName: string };
}

export interface QuoteRequest {
  origin: { country: string };
  destination: { country: string; postcode: string };
  mode?: QuoteMode;
  readyDate: IsoDate;
  pieces: Piece[];
  goods: { category: GoodsCategory; description: string };
  declaredValue: { amountMinor: number; currency: 'USD' };
}

export interface BuyerTerms {
  tier: TierCode;
  discountBps: number;
  quoteValidityHours: number;
  automaticCompensation: boolean;
}

export interface BuiltOption {
  providerId: string;
  providerLegalName: string;
  laneId: string;
  mode: QuoteMode;
  chargeable: { quantity: number; unit: Chargeable['unit']; divisor: Chargeable['divisor'] };
  lines: PriceLine[];
  totalMinor: number;
  currency: 'USD';
  pickupBy: IsoDate;
  guaranteedBy: IsoDate;
  transitDays: { min: number; max: number };
  onTimeGuarantee: { guaranteedBy: IsoDate; compensationBps: number; compensationCapMinor: number; automatic: boolean };
}

export type UnavailableReason = 'no_lane' | 'tier' | 'piece_weight' | 'dangerous_goods';

export type BuiltQuote =
  | { prohibited: { rule: ProhibitionRule; message: string } }
  | { prohibited: null; expiresAt: Date; options: BuiltOption[]; unavailable: { reason: UnavailableReason; count: number }[] };

const HOUR_MS = 3_600_000;

/** A priced lane before it is an option: what ranking needs, and what building the option needs. */
interface Candidate extends RankKey {
  lane: QuotableLane;
  price: PriceAmounts;
  dates: QuoteDates;
}

/**
 * Every eligible lane is priced (its total decides the rank), but only the MAX_OPTIONS best become
 * full options with their lines: a quote over hundreds of lanes allocates 20 options, not one per lane.
 */
export function buildQuote(request: QuoteRequest, lanes: readonly QuotableLane[], terms: BuyerTerms, now: Date): BuiltQuote {
  const screening = screenGoods(request.goods.category, request.destination.country);
  if (!screening.allowed) return { prohibited: { rule: screening.rule, message: screening.message } };

  const { origin, destination, mode, pieces } = request;
  let heaviestGrams = 0;
  for (const piece of pieces) heaviestGrams = Math.max(heaviestGrams, kgToGrams(piece.weightKg));
  const buyerRank = tierRank(terms.tier);
  const unavailable = new Map<UnavailableReason, number>();
  const chargeableByMode = new Map<QuoteMode, Chargeable>();
  // Many lanes share handling and transit days: compute each pair of dates once per quote.
  const datesBy = new Map<number, QuoteDates>();
  const candidates: Candidate[] = [];
  let onRoute = 0;

  for (const lane of lanes) {
    if (lane.originCountry !== origin.country || lane.destinationCountry !== destination.country) continue;
    if (mode && lane.mode !== mode) continue;
    onRoute += 1;
    const refusal = eligibility(lane, buyerRank, heaviestGrams, laneAcceptsGoods(screening, lane.dangerousGoods));
    if (refusal) {
      unavailable.set(refusal, (unavailable.get(refusal) ?? 0) + 1);
      continue;
    }
    let charge = chargeableByMode.get(lane.mode);
    if (!charge) chargeableByMode.set(lane.mode, (charge = chargeable(lane.mode, pieces)));
    const datesKey = lane.handlingDays * 100_000 + lane.transitDays.max;
    let dates = datesBy.get(datesKey);
    if (!dates) datesBy.set(datesKey, (dates = quoteDates(request.readyDate, lane.handlingDays, lane.transitDays.max)));
    const price = priceAmounts({
      mode: lane.mode,
      chargeableHundredths: charge.hundredths,
      pieces,
      lane,
      destinationPostcode: destination.postcode,
      discountBps: terms.discountBps,
    });
    candidates.push({
      totalMinor: price.totalMinor,
      guaranteedBy: dates.guaranteedBy,
      providerLegalName: lane.provider.legalName,
      laneId: lane.id,
      lane,
      price,
      dates,
    });
  }
  if (onRoute === 0) unavailable.set('no_lane', 0);

  candidates.sort(compareOptions);
  const options: BuiltOption[] = [];
  for (let i = 0; i < candidates.length && i < MAX_OPTIONS; i++) {
    const { lane, price, dates } = candidates[i];
    options.push(buildOption(lane, chargeableByMode.get(lane.mode)!, price, terms, dates));
  }
  return {
    prohibited: null,
    expiresAt: new Date(now.getTime() + terms.quoteValidityHours * HOUR_MS),
    options,
    unavailable: [...unavailable].map(([reason, count]) => ({ reason, count })),
  };
}

function eligibility(lane: QuotableLane, buyerRank: number, heaviestGrams: number, goodsAccepted: boolean): UnavailableReason | null {
  if (buyerRank < tierRank(lane.minBuyerTier)) return 'tier';
  if (heaviestGrams > kgToGrams(lane.maxPieceWeightKg)) return 'piece_weight';
  if (!goodsAccepted) return 'dangerous_goods';
  return null;
}

function buildOption(lane: QuotableLane, charge: Chargeable, amounts: PriceAmounts, terms: BuyerTerms, dates: QuoteDates): BuiltOption {
  const { pickupBy, guaranteedBy } = dates;
  const price = priceLinesOf(amounts);
  return {
    providerId: lane.providerId,
    providerLegalName: lane.provider.legalName,
    laneId: lane.id,
    mode: lane.mode,
    chargeable: { quantity: charge.quantity, unit: charge.unit, divisor: charge.divisor },
    lines: price.lines,
    totalMinor: price.totalMinor,
    currency: 'USD',
    pickupBy,
    guaranteedBy,
    transitDays: { min: lane.transitDays.min, max: lane.transitDays.max },
    onTimeGuarantee: {
      guaranteedBy,
      compensationBps: COMPENSATION_BPS,
      compensationCapMinor: COMPENSATION_CAP_MINOR,
      automatic: terms.automaticCompensation,
    },
  };
}

/** What orders the options of a quote. */
type RankKey = Pick<BuiltOption, 'totalMinor' | 'guaranteedBy' | 'providerLegalName' | 'laneId'>;

/** Cheapest first; ties: earlier guaranteedBy, then provider legal name (then lane id, to be deterministic). */
export function compareOptions(a: RankKey, b: RankKey): number {
  if (a.totalMinor !== b.totalMinor) return a.totalMinor - b.totalMinor;
  if (a.guaranteedBy !== b.guaranteedBy) return a.guaranteedBy < b.guaranteedBy ? -1 : 1;
  if (a.providerLegalName !== b.providerLegalName) return a.providerLegalName < b.providerLegalName ? -1 : 1;
  return a.laneId < b.laneId ? -1 : a.laneId > b.laneId ? 1 : 0;
}
