import { registerBuyer, registration, verified, type TestBuyer } from '../buyers/buyers.fixtures';
import { applyProvider, DOCS, laneBody, uploadDocument, verify, type TestProvider } from '../providers/fixtures';
import { EXAMPLE_PIECES, EXAMPLE_RATE_CARD } from '../../src/quotes/spec-example';
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

export { EXAMPLE_PIECES } from '../../src/quotes/spec-example';

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
    const res = await t.http
      .post(`/v1/providers/${p.id}/lanes`)
      .set(p.key)
      .send(laneBody({ ...EXAMPLE_RATE_CARD, originCountry: origin, ...lane }));
    if (res.status !== 201) throw new Error(`lane failed: ${res.status} ${JSON.stringify(res.body)}`);
    laneIds.push(res.body.id);
  }
  const provider = await t.http.get(`/v1/providers/${p.id}`).set(t.admin);
  if (provider.body.status !== 'qualified') throw new Error(`provider not qualified: ${JSON.stringify(provider.body.lastCheck)}`);
  return { ...p, laneIds };
}

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
