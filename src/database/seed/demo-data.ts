import type { ModuleRef } from '@nestjs/core';
import { seedDemoBuyers } from '../../buyers/demo-buyers';
import { ApiKeysService } from '../../common/auth/api-keys.service';
import { seedOrdersDemo } from '../../orders/orders.demo';
import { seedProvidersDemo } from '../../providers/providers.demo';

/**
 * Demo keys are fixed strings so that the README can name them. They exist only where demo data was
 * seeded (by default: a fresh embedded database), never on PostgreSQL unless DEMO_DATA=true.
 */
export const DEMO_KEYS = {
  admin: 'blm_demo_admin_0000000000000000000000000000',
} as const;

export interface DemoSummary {
  keys: { label: string; role: string; apiKey: string }[];
}

/** Seeds the demo dataset. Idempotent: it only adds what is missing. */
export async function seedDemoData(moduleRef: ModuleRef): Promise<DemoSummary> {
  const apiKeys = moduleRef.get(ApiKeysService, { strict: false });
  const summary: DemoSummary = { keys: [] };
  await apiKeys.ensure(DEMO_KEYS.admin, { role: 'admin', subjectId: null, label: 'demo admin' });
  summary.keys.push({ label: 'demo admin', role: 'admin', apiKey: DEMO_KEYS.admin });
  summary.keys.push(...(await seedDemoBuyers(moduleRef, DEMO_KEYS.admin)));
  await seedProvidersDemo(moduleRef, summary.keys);
  await seedOrdersDemo(moduleRef);
  return summary;
}
