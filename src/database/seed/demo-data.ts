import type { ModuleRef } from '@nestjs/core';
import { DEMO_BUYER_KEYS, seedDemoBuyers } from '../../buyers/demo-buyers';
import { ApiKeysService } from '../../common/auth/api-keys.service';
import { seedOrdersDemo } from '../../orders/orders.demo';
import { DEMO_PROVIDER_KEYS, seedProvidersDemo } from '../../providers/providers.demo';

/**
 * Demo keys are fixed strings so that the README can name them. They exist only where demo data was
 * seeded (by default: a fresh embedded database), never on PostgreSQL unless DEMO_DATA=true.
 */
export const DEMO_KEYS = {
  admin: 'blm_demo_admin_0000000000000000000000000000',
} as const;

export interface DemoKey {
  label: string;
  role: string;
  /** A public demo secret (the README lists it), not a real credential. */
  key: string;
}

export interface DemoSummary {
  keys: DemoKey[];
}

/** Every demo key, in the order the start-up banner lists them. */
const ALL_DEMO_KEYS: DemoKey[] = [
  { label: 'demo admin', role: 'admin', key: DEMO_KEYS.admin },
  ...Object.entries(DEMO_BUYER_KEYS).map(([tier, key]) => ({ label: `demo buyer ${tier}`, role: 'buyer', key })),
  ...DEMO_PROVIDER_KEYS,
];

/** Seeds the demo dataset. Idempotent: it only adds what is missing. */
export async function seedDemoData(moduleRef: ModuleRef): Promise<DemoSummary> {
  const apiKeys = moduleRef.get(ApiKeysService, { strict: false });
  await apiKeys.ensure(DEMO_KEYS.admin, { role: 'admin', subjectId: null, label: 'demo admin' });
  await seedDemoBuyers(moduleRef, DEMO_KEYS.admin);
  await seedProvidersDemo(moduleRef);
  await seedOrdersDemo(moduleRef);
  return { keys: ALL_DEMO_KEYS };
}

/**
 * The demo keys this database holds and that still work, so that every start (not only the one that
 * seeded) can show them to the newcomer; null when there are none.
 */
export async function presentDemoKeys(apiKeys: ApiKeysService): Promise<DemoSummary | null> {
  const keys: DemoKey[] = [];
  for (const demo of ALL_DEMO_KEYS) if (await apiKeys.authenticate(demo.key)) keys.push(demo);
  return keys.length > 0 ? { keys } : null;
}
