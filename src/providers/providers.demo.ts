import type { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { MarketVersionRepository } from './market-version.repository';
import { ApiKeysService } from '../common/auth/api-keys.service';
import { Clock } from '../common/clock';
import { BookableLanesService } from './bookable-lanes.service';
import { QualificationService } from './qualification.service';
import type { Mode } from './rate-card';

/** Fixed ids and keys so the README can name them. Idempotent: inserts only what is missing. */
const DEMO = [
  { n: 1, name: 'Shenzhen Swift Express Co., Ltd.', kind: 'qualified', price: 1.0 },
  { n: 2, name: 'Ningbo Ocean Bridge Logistics Ltd.', kind: 'qualified', price: 0.92 },
  { n: 3, name: 'Guangzhou Skyline Air Freight Co.', kind: 'qualified', price: 1.06 },
  { n: 4, name: 'Shanghai Pacific Forwarding Ltd.', kind: 'qualified', price: 0.97 },
  { n: 5, name: 'Yiwu Global Parcel Services Co.', kind: 'qualified', price: 0.88 },
  { n: 6, name: 'Xiamen Harbour Cargo Ltd.', kind: 'qualified', price: 1.12 },
  { n: 7, name: 'Hangzhou Newcomer Logistics Co.', kind: 'pending', price: 1.0 },
  { n: 8, name: 'Qingdao Lapsed Freight Co.', kind: 'suspended', price: 1.0 },
] as const;

const MARKETS = ['US', 'CA', 'MX', 'GB', 'FR', 'DE'];
const uuid = (group: string, n: number) => `00000000-0000-4000-${group}-${String(n).padStart(12, '0')}`;
export const demoProviderId = (n: number) => uuid('8000', 100 + n);
const id = demoProviderId;
export const demoProviderKey = (n: number, kind: string) =>
  (kind === 'qualified' ? `blm_demo_provider_${n}_` : `blm_demo_provider_${kind}_`).padEnd(43, '0');

/** Realistic rate cards: express USD ~8–12/kg, air ~4–6/kg, sea ~80–150 per revenue tonne. */
function rateCard(mode: Mode, destination: string, f: number) {
  const far = ['GB', 'FR', 'DE'].includes(destination) ? 1.08 : 1;
  const r = (usd: number) => Math.round(usd * 100 * f * far);
  if (mode === 'express') {
    return {
      transit: [4, 7],
      handling: 1,
      breaks: [
        [0, r(11.5)],
        [21, r(9.8)],
        [100, r(8.4)],
      ],
      min: r(30),
      fuel: 1800,
      maxPiece: 70,
    };
  }
  if (mode === 'air')
    return {
      transit: [7, 12],
      handling: 2,
      breaks: [
        [0, r(5.8)],
        [45, r(4.9)],
        [300, r(4.2)],
      ],
      min: r(120),
      fuel: 1500,
      maxPiece: 300,
    };
  return {
    transit: [28, 42],
    handling: 3,
    breaks: [
      [0, r(145)],
      [5, r(110)],
      [15, r(85)],
    ],
    min: r(150),
    fuel: 600,
    maxPiece: 1000,
  };
}

const demoProviderLabel = (p: (typeof DEMO)[number]) => `demo provider ${p.kind === 'qualified' ? p.n : p.kind}`;

/** The demo providers' keys, as the start-up banner lists them. */
export const DEMO_PROVIDER_KEYS = DEMO.map((p) => ({
  label: `${demoProviderLabel(p)} (${p.name})`.slice(0, 60),
  role: 'provider',
  key: demoProviderKey(p.n, p.kind),
}));

export async function seedProvidersDemo(moduleRef: ModuleRef): Promise<void> {
  const ds = moduleRef.get(DataSource, { strict: false });
  const tx = moduleRef.get(TransactionContext, { strict: false });
  const apiKeys = moduleRef.get(ApiKeysService, { strict: false });
  const qualification = moduleRef.get(QualificationService, { strict: false });
  const now = moduleRef.get(Clock, { strict: false }).now();
  const year = now.getUTCFullYear();

  for (const p of DEMO) {
    const pid = id(p.n);
    // The suspended one was qualified until its business licence lapsed.
    await ds.query(`INSERT INTO providers (id, legal_name, country, status) VALUES ($1, $2, 'CN', $3) ON CONFLICT (id) DO NOTHING`, [
      pid,
      p.name,
      p.kind === 'pending' ? 'pending' : 'qualified',
    ]);
    const docStatus = p.kind === 'pending' ? 'pending' : 'verified';
    const licenceEnd = p.kind === 'suspended' ? `${year}-01-01` : `${year + 3}-12-31`;
    const docs: [string, string, string | null, number | null, string][] = [
      ['business_license', `BL-DEMO-${p.n}`, null, null, licenceEnd],
      ['freight_licence', `FL-DEMO-${p.n}`, JSON.stringify(['express', 'air', 'sea_lcl']), null, `${year + 3}-12-31`],
      ['liability_insurance', `LI-DEMO-${p.n}`, null, 500_000, `${year + 2}-12-31`],
    ];
    for (const [i, [type, number, modes, coverage, expires]] of docs.entries()) {
      await ds.query(
        `INSERT INTO provider_documents (id, provider_id, type, number, modes, coverage_usd, issued_at, expires_at, file_ref, status, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::varchar, CASE WHEN $10::varchar = 'verified' THEN now() END) ON CONFLICT (id) DO NOTHING`,
        [uuid('a000', p.n * 10 + i), pid, type, number, modes, coverage, `${year - 2}-01-01`, expires, `demo/${number}.pdf`, docStatus],
      );
    }
    for (const [di, destination] of MARKETS.entries()) {
      for (const [mi, mode] of (['express', 'air', 'sea_lcl'] as const).entries()) {
        const c = rateCard(mode, destination, p.price);
        await ds.query(
          `INSERT INTO lanes (id, provider_id, origin_country, destination_country, mode, transit_days_min, transit_days_max, handling_days,
             weight_breaks, min_charge_minor, fuel_surcharge_bps, remote_area, oversize_fee_minor, max_piece_weight_kg, dangerous_goods, min_buyer_tier)
           VALUES ($1, $2, 'CN', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, false, 'L0') ON CONFLICT DO NOTHING`,
          [
            uuid('b000', p.n * 100 + di * 10 + mi),
            pid,
            destination,
            mode,
            c.transit[0],
            c.transit[1],
            c.handling,
            JSON.stringify(c.breaks.map(([minKg, ratePerUnitMinor]) => ({ minKg, ratePerUnitMinor }))),
            c.min,
            c.fuel,
            mode === 'sea_lcl'
              ? null
              : JSON.stringify({
                  postcodePrefixes: destination === 'US' ? ['995', '996', '967', '968'] : ['BT', 'HS', 'ZE'],
                  perKgMinor: 60,
                  minMinor: 2500,
                }),
            mode === 'sea_lcl' ? 0 : 4500,
            c.maxPiece,
          ],
        );
      }
    }
    // Statuses are derived, as in production: the pending one stays pending, the lapsed one is suspended.
    await tx.run((m) => qualification.checkIn(m, pid, now));
    await apiKeys.ensure(demoProviderKey(p.n, p.kind), { role: 'provider', subjectId: pid, label: demoProviderLabel(p) });
  }
  await tx.run(async () => {
    await moduleRef.get(MarketVersionRepository, { strict: false }).bump();
    tx.afterCommit(() => moduleRef.get(BookableLanesService, { strict: false }).invalidate());
  });
}
