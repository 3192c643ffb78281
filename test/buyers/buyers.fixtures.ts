import { bearer, type TestApp } from '../support/test-app';

export interface TestBuyer {
  id: string;
  apiKey: string;
  auth: { Authorization: string };
}

export const registration = (yearEstablished = 2024, country = 'GB') => ({
  registrationNumber: '09876543',
  legalName: 'Test Imports Ltd',
  country,
  yearEstablished,
});

export async function registerBuyer(t: TestApp, body: Record<string, unknown> = {}): Promise<TestBuyer> {
  const res = await t.http.post('/v1/buyers').send({ companyName: 'Test Imports', country: 'GB', ...body });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.buyer.id, apiKey: res.body.apiKey, auth: bearer(res.body.apiKey) };
}

export async function submitEvidence(t: TestApp, buyer: TestBuyer, type: string, value: unknown): Promise<string> {
  const res = await t.http
    .post(`/v1/buyers/${buyer.id}/evidence`)
    .set(buyer.auth)
    .send({ type, value, documentRef: `doc://${type}` });
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Submits and verifies; answers the evidence id. */
export async function verified(
  t: TestApp,
  buyer: TestBuyer,
  type: string,
  value: unknown,
  review: Record<string, unknown> = {},
): Promise<string> {
  const id = await submitEvidence(t, buyer, type, value);
  const res = await t.http
    .post(`/v1/evidence/${id}/review`)
    .set(t.admin)
    .send({ decision: 'verified', ...review });
  if (res.status !== 200) throw new Error(`review failed: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

export async function tierOf(t: TestApp, buyer: TestBuyer) {
  const res = await t.http.get(`/v1/buyers/${buyer.id}/tier`).set(buyer.auth);
  if (res.status !== 200) throw new Error(`tier failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function historyOf(t: TestApp, buyer: TestBuyer) {
  const res = await t.http.get(`/v1/buyers/${buyer.id}/tier/history`).set(t.admin);
  return res.body.data as {
    from: string | null;
    to: string;
    reason: string;
    evidenceId: string | null;
    policyVersion: number;
    at: string;
  }[];
}

/** One piece of evidence to verify: type, value and optional review fields (e.g. `expiresAt`). */
export type EvidenceStep = [type: string, value: unknown, review?: Record<string, unknown>];

/** A new buyer with each step verified in order; answers the buyer and the evidence ids. */
export async function buyerWithVerified(t: TestApp, steps: EvidenceStep[]): Promise<{ buyer: TestBuyer; ids: string[] }> {
  const buyer = await registerBuyer(t);
  const ids: string[] = [];
  for (const [type, value, review] of steps) ids.push(await verified(t, buyer, type, value, review));
  return { buyer, ids };
}
