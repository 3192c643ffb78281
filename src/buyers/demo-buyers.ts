import type { ModuleRef } from '@nestjs/core';
import { ApiKeysService } from '../common/auth/api-keys.service';
import type { Principal } from '../common/auth/principal';
import { BuyersService } from './buyers.service';
import { EvidenceService, type SubmitEvidenceInput } from './evidence.service';
import type { TierCode } from './tier-policy';

/** Fixed demo keys, one buyer per tier (listed in the README). */
export const DEMO_BUYER_KEYS: Record<TierCode, string> = {
  L0: 'blm_demo_buyer_l0_0000000000000000000000000',
  L1: 'blm_demo_buyer_l1_0000000000000000000000000',
  L2: 'blm_demo_buyer_l2_0000000000000000000000000',
  L3: 'blm_demo_buyer_l3_0000000000000000000000000',
  L4: 'blm_demo_buyer_l4_0000000000000000000000000',
};

const reg = (legalName: string, country: string, yearEstablished: number): SubmitEvidenceInput => ({
  type: 'business_registration',
  value: { registrationNumber: `DEMO-${yearEstablished}-${country}`, legalName, country, yearEstablished },
  documentRef: `demo://registrations/${country.toLowerCase()}-${yearEstablished}.pdf`,
});
const figure = (type: SubmitEvidenceInput['type'], value: number): SubmitEvidenceInput => ({
  type,
  value,
  documentRef: `demo://${type}/${value}.pdf`,
});

/** Each buyer's evidence; the tier is then derived by verifying it through the service, never written. */
const DEMO_BUYERS: { tier: TierCode; companyName: string; country: string; evidence: SubmitEvidenceInput[] }[] = [
  { tier: 'L0', companyName: 'Demo Corner Shop', country: 'US', evidence: [] },
  { tier: 'L1', companyName: 'Demo Startup Traders', country: 'CA', evidence: [reg('Demo Startup Traders Inc.', 'CA', 2025)] },
  {
    tier: 'L2',
    companyName: 'Demo Growing Imports',
    country: 'MX',
    evidence: [reg('Demo Growing Imports S.A. de C.V.', 'MX', 2022), figure('annual_procurement_usd', 80_000)],
  },
  {
    tier: 'L3',
    companyName: 'Demo Established Retail',
    country: 'GB',
    evidence: [reg('Demo Established Retail Ltd', 'GB', 2015), figure('annual_revenue_usd', 600_000), figure('employee_count', 40)],
  },
  {
    tier: 'L4',
    companyName: 'Demo Global Sourcing',
    country: 'DE',
    evidence: [
      reg('Demo Global Sourcing GmbH', 'DE', 2008),
      figure('annual_procurement_usd', 350_000),
      figure('annual_revenue_usd', 2_500_000),
    ],
  },
];

/** Adds the demo buyers that are missing (a buyer exists when its demo key does). Idempotent. */
export async function seedDemoBuyers(moduleRef: ModuleRef, adminSecret: string): Promise<void> {
  const apiKeys = moduleRef.get(ApiKeysService, { strict: false });
  const buyers = moduleRef.get(BuyersService, { strict: false });
  const evidence = moduleRef.get(EvidenceService, { strict: false });
  const admin = await apiKeys.authenticate(adminSecret);
  if (admin?.role !== 'admin') throw new Error('the demo buyers need the admin key to exist');
  const adminKey = { id: admin.keyId };

  for (const demo of DEMO_BUYERS) {
    const secret = DEMO_BUYER_KEYS[demo.tier];
    const label = `demo buyer ${demo.tier}`;
    if (await apiKeys.authenticate(secret)) continue;
    const { buyer } = await buyers.register({ companyName: demo.companyName, country: demo.country });
    await apiKeys.ensure(secret, { role: 'buyer', subjectId: buyer.id, label });
    const self: Principal = { keyId: adminKey.id, role: 'buyer', subjectId: buyer.id };
    for (const input of demo.evidence) {
      const submitted = await evidence.submit(self, buyer.id, input);
      await evidence.review(admin, submitted.id, { decision: 'verified' });
    }
  }
}
