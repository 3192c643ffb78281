import { activePoints, entryExpiry, VIOLATION_POINTS, type ViolationCode } from '../../src/compliance/points';
import { ViolationsRepository } from '../../src/compliance/violations.repository';
import { ProvidersRepository } from '../../src/providers/providers.repository';
import { createTestApp, type TestApp } from '../support/test-app';

const at = (iso: string) => new Date(iso);
const ms = (d: Date, n: number) => new Date(d.getTime() + n);

/**
 * "Active points" has one definition (§7: the sum of unexpired entries, `isActiveEntry` in
 * compliance/points.ts). The ledger's SQL (ViolationsRepository) must give the pure function's
 * answer on the same rows, at every instant that matters: before, at and after each expiry.
 */
describe('active points: the SQL of the ledger and the pure rule agree', () => {
  let t: TestApp;
  let violations: ViolationsRepository;
  let providerId: string;
  const ledger: { code: ViolationCode; createdAt: Date }[] = [
    { code: 'shipment_lost', createdAt: at('2024-03-01T00:00:00Z') },
    { code: 'provider_cancelled', createdAt: at('2024-04-01T12:30:00.250Z') },
    { code: 'late_delivery', createdAt: at('2024-06-01T00:00:00Z') },
    { code: 'forged_evidence', createdAt: at('2025-01-15T10:00:00Z') },
  ];
  const entries = ledger.map((e) => ({ points: VIOLATION_POINTS[e.code], expiresAt: entryExpiry(e.createdAt) }));

  beforeAll(async () => {
    t = await createTestApp();
    violations = t.app.get(ViolationsRepository);
    providerId = (await t.app.get(ProvidersRepository).insert({ legalName: 'Points Agree Ltd', country: 'CN' })).id;
    for (const e of ledger) {
      await violations.insert({
        providerId,
        code: e.code,
        points: VIOLATION_POINTS[e.code],
        orderId: null,
        note: null,
        createdAt: e.createdAt,
        expiresAt: entryExpiry(e.createdAt),
      });
    }
  });
  afterAll(() => t.close());

  const instants = [
    at('2024-02-01T00:00:00Z'),
    ...ledger.map((e) => e.createdAt),
    ...entries.flatMap((e) => [ms(e.expiresAt, -1), e.expiresAt, ms(e.expiresAt, 1)]),
    at('2027-01-01T00:00:00Z'),
  ];

  it.each(instants.map((now) => [now.toISOString(), now] as const))('at %s', async (_label, now) => {
    const expected = activePoints(entries, now);
    expect((await violations.activePointsOf([providerId], now)).get(providerId)).toBe(expected);
    expect(await violations.activePoints(providerId, now)).toBe(expected);
    expect(activePoints(await violations.active(providerId, now), now)).toBe(expected);
    expect((await violations.active(providerId, now)).reduce((sum, e) => sum + e.points, 0)).toBe(expected);
  });

  it('the spec numbers: 2 + 4 + 1 + 12 while all count, only the 12 of forged_evidence once the first three expired', () => {
    expect(activePoints(entries, at('2025-02-01T00:00:00Z'))).toBe(19);
    expect(activePoints(entries, at('2025-06-02T00:00:00Z'))).toBe(12);
  });
});
