import { bearer, type TestApp } from '../support/test-app';
import { DOCS } from './documents.example';

export interface TestProvider {
  id: string;
  key: { Authorization: string };
}

let counter = 0;

export async function applyProvider(t: TestApp, legalName = `Provider ${++counter}`): Promise<TestProvider> {
  const res = await t.http.post('/v1/providers').send({ legalName, country: 'CN' });
  if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.provider.id, key: bearer(res.body.apiKey) };
}

export { DOCS };

export async function uploadDocument(t: TestApp, p: TestProvider, body: Record<string, unknown>): Promise<string> {
  const res = await t.http.post(`/v1/providers/${p.id}/documents`).set(p.key).send(body);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function verify(t: TestApp, documentId: string, extra: Record<string, unknown> = {}) {
  const res = await t.http
    .post(`/v1/documents/${documentId}/review`)
    .set(t.admin)
    .send({ decision: 'verified', ...extra });
  if (res.status !== 200) throw new Error(`review failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function laneBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    originCountry: 'CN',
    destinationCountry: 'US',
    mode: 'express',
    transitDays: { min: 4, max: 7 },
    handlingDays: 1,
    weightBreaks: [
      { minKg: 0, ratePerUnitMinor: 1150 },
      { minKg: 21, ratePerUnitMinor: 980 },
      { minKg: 100, ratePerUnitMinor: 850 },
    ],
    minChargeMinor: 3000,
    fuelSurchargeBps: 1200,
    remoteArea: { postcodePrefixes: ['99', '96'], perKgMinor: 60, minMinor: 2500 },
    oversizeFeeMinor: 4500,
    maxPieceWeightKg: 70,
    dangerousGoods: false,
    minBuyerTier: 'L0',
    ...overrides,
  };
}

export async function createLane(t: TestApp, p: TestProvider, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http.post(`/v1/providers/${p.id}/lanes`).set(p.key).send(laneBody(overrides));
  if (res.status !== 201) throw new Error(`lane failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A provider with verified documents (given expiry) and one express lane to `destination`: qualified. */
export async function qualifiedProvider(
  t: TestApp,
  legalName?: string,
  destination = 'US',
  expiresAt = '2028-01-01',
): Promise<TestProvider> {
  const p = await applyProvider(t, legalName);
  for (const doc of Object.values(DOCS)) await verify(t, await uploadDocument(t, p, { ...doc, expiresAt }));
  await createLane(t, p, { destinationCountry: destination });
  return p;
}
