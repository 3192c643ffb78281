import { registerBuyer, registration, verified, type TestBuyer } from '../buyers/buyers.fixtures';
import { applyProvider, DOCS, laneBody, uploadDocument, verify, type TestProvider } from '../providers/fixtures';
import type { TestApp } from './test-app';

/** Buyers at a tier, built the only way a tier can be reached: verified evidence (SPEC §3.2). */
export async function buyerAt(t: TestApp, tier: 'L0' | 'L1' | 'L2' | 'L3' | 'L4'): Promise<TestBuyer> {
  const buyer = await registerBuyer(t);
  if (tier === 'L0') return buyer;
  const established = tier === 'L3' || tier === 'L4' ? 2018 : 2025;
  await verified(t, buyer, 'business_registration', registration(established));
  if (tier === 'L2') await verified(t, buyer, 'annual_procurement_usd', 50_000);
  if (tier === 'L3') await verified(t, buyer, 'annual_revenue_usd', 500_000);
  if (tier === 'L4') await verified(t, buyer, 'annual_procurement_usd', 300_000);
  const res = await t.http.get(`/v1/buyers/${buyer.id}/tier`).set(buyer.auth);
  if (res.body.tier !== tier) throw new Error(`expected ${tier}, got ${res.body.tier}`);
  return buyer;
}

/**
 * The rate card of the quote examples: breaks 0/10/20 kg at 12.00/10.00/8.00 USD, minimum 50.00,
 * fuel 12.5 %, remote prefix 995 (0.50/kg, at least 25.00), oversize 30.00, handling 1, transit 2–4.
 */
export const EXAMPLE_LANE = {
  transitDays: { min: 2, max: 4 },
  handlingDays: 1,
  weightBreaks: [
    { minKg: 0, ratePerUnitMinor: 1200 },
    { minKg: 10, ratePerUnitMinor: 1000 },
    { minKg: 20, ratePerUnitMinor: 800 },
  ],
  minChargeMinor: 5000,
  fuelSurchargeBps: 1250,
  remoteArea: { postcodePrefixes: ['995'], perKgMinor: 50, minMinor: 2500 },
  oversizeFeeMinor: 3000,
  maxPieceWeightKg: 70,
  dangerousGoods: false,
  minBuyerTier: 'L0',
};

export interface ScenarioProvider extends TestProvider {
  laneIds: string[];
}

/**
 * A qualified provider whose lanes leave from `origin`. Each test file uses its own origin country,
 * so its quotes see only its own lanes however many other files share the database.
 */
export async function providerWithLanes(
  t: TestApp,
  origin: string,
  lanes: Record<string, unknown>[],
  legalName?: string,
): Promise<ScenarioProvider> {
  const p = await applyProvider(t, legalName);
  for (const doc of Object.values(DOCS)) await verify(t, await uploadDocument(t, p, doc));
  const laneIds: string[] = [];
  for (const lane of lanes) {
    const res = await t.http.post(`/v1/providers/${p.id}/lanes`).set(p.key).send(laneBody({ ...EXAMPLE_LANE, originCountry: origin, ...lane }));
    if (res.status !== 201) throw new Error(`lane failed: ${res.status} ${JSON.stringify(res.body)}`);
    laneIds.push(res.body.id);
  }
  const provider = await t.http.get(`/v1/providers/${p.id}`).set(t.admin);
  if (provider.body.status !== 'qualified') throw new Error(`provider not qualified: ${JSON.stringify(provider.body.lastCheck)}`);
  return { ...p, laneIds };
}

/** 2 × (5 kg, 40×30×30 cm) + 1 × (3.2 kg, 20×20×20 cm): 18.5 kg chargeable by express. */
export const EXAMPLE_PIECES = [
  { quantity: 2, weightKg: 5, lengthCm: 40, widthCm: 30, heightCm: 30 },
  { quantity: 1, weightKg: 3.2, lengthCm: 20, widthCm: 20, heightCm: 20 },
];

export function quoteBody(origin: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    origin: { country: origin },
    destination: { country: 'US', postcode: '99501' },
    readyDate: '2026-06-05',
    pieces: EXAMPLE_PIECES,
    goods: { category: 'apparel', description: 'cotton t-shirts' },
    declaredValue: { amountMinor: 150_000, currency: 'USD' },
    ...overrides,
  };
}
