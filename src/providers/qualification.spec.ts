import {
  restrictionEndedSince,
  evaluateQualification,
  isListed,
  nextStatus,
  type Mode,
  type ProviderStatus,
  type QualificationDocument,
  type QualificationInput,
  type RequirementCode,
} from './qualification';

const DAY = 86_400_000;
const now = new Date('2025-06-01T00:00:00.000Z');
const inDays = (n: number) => new Date(now.getTime() + n * DAY);

function doc(type: QualificationDocument['type'], over: Partial<QualificationDocument> = {}): QualificationDocument {
  return {
    id: `${type}-1`,
    type,
    modes: type === 'freight_licence' ? ['express', 'air'] : null,
    coverageUsd: type === 'liability_insurance' ? 250_000 : null,
    issuedAt: inDays(-100),
    expiresAt: inDays(365),
    status: 'verified',
    ...over,
  };
}

/** A provider that passes everything; each case changes one thing. */
function input(over: Partial<QualificationInput> = {}): QualificationInput {
  return {
    documents: [doc('business_license'), doc('freight_licence'), doc('liability_insurance')],
    activeLanes: [{ destinationCountry: 'US', mode: 'express' }],
    activePoints: 0,
    terminated: false,
    delivered90d: 0,
    onTime90d: 0,
    ...over,
  };
}

const withDocs = (type: QualificationDocument['type'], docs: QualificationDocument[]) =>
  input({ documents: [...input().documents.filter((d) => d.type !== type), ...docs] });

/** The pass/fail result of one requirement (warnings excluded). */
function requirement(i: QualificationInput, code: RequirementCode) {
  const found = evaluateQualification(i, now).results.filter((r) => r.code === code && r.outcome !== 'warning');
  expect(found).toHaveLength(1);
  return found[0];
}

describe('§4.3 requirements', () => {
  it('a complete provider passes all six, in the order of the spec table', () => {
    const outcome = evaluateQualification(input(), now);
    expect(outcome.qualified).toBe(true);
    expect(outcome.results.map((r) => [r.code, r.outcome])).toEqual([
      ['business_license', 'pass'],
      ['freight_licence', 'pass'],
      ['liability_insurance', 'pass'],
      ['market_coverage', 'pass'],
      ['on_time_performance', 'pass'],
      ['violation_points', 'pass'],
    ]);
  });

  it('any fail means not qualified', () => {
    expect(evaluateQualification(input({ activePoints: 36 }), now).qualified).toBe(false);
  });

  describe('business_license: a verified, unexpired business licence', () => {
    it.each([
      { case: 'verified, expires in a year', docs: [doc('business_license')], outcome: 'pass', message: 'valid until 2026-06-01' },
      {
        case: 'verified, expiresAt == now (expired)',
        docs: [doc('business_license', { expiresAt: now })],
        outcome: 'fail',
        message: 'expired on 2025-06-01',
      },
      {
        case: 'verified, expired yesterday',
        docs: [doc('business_license', { expiresAt: inDays(-1) })],
        outcome: 'fail',
        message: 'expired',
      },
      { case: 'pending', docs: [doc('business_license', { status: 'pending' })], outcome: 'fail', message: 'awaiting review' },
      { case: 'rejected', docs: [doc('business_license', { status: 'rejected' })], outcome: 'fail', message: 'rejected' },
      { case: 'none on file', docs: [], outcome: 'fail', message: 'No verified, unexpired business licence' },
      {
        case: 'an expired one and a valid one',
        docs: [doc('business_license', { expiresAt: inDays(-1) }), doc('business_license')],
        outcome: 'pass',
        message: 'valid',
      },
    ])('$case → $outcome', ({ docs, outcome, message }) => {
      const r = requirement(withDocs('business_license', docs), 'business_license');
      expect(r.outcome).toBe(outcome);
      expect(r.message).toContain(message);
    });
  });

  describe('freight_licence: every mode of the active lanes covered by a verified, unexpired licence', () => {
    const lanes = (...modes: Mode[]) => modes.map((mode) => ({ destinationCountry: 'US', mode }));
    it.each([
      {
        case: 'express+air licence, express lane',
        licences: [doc('freight_licence')],
        modes: ['express'],
        outcome: 'pass',
        message: 'covers express',
      },
      {
        case: 'express+air licence, sea_lcl lane',
        licences: [doc('freight_licence')],
        modes: ['sea_lcl'],
        outcome: 'fail',
        message: 'Freight licence does not cover sea_lcl',
      },
      {
        case: 'express+air licence, air and sea_lcl lanes',
        licences: [doc('freight_licence')],
        modes: ['air', 'sea_lcl'],
        outcome: 'fail',
        message: 'does not cover sea_lcl',
      },
      {
        case: 'two licences together cover both modes',
        licences: [doc('freight_licence'), doc('freight_licence', { id: 'f2', modes: ['sea_lcl'] })],
        modes: ['express', 'sea_lcl'],
        outcome: 'pass',
        message: 'covers express, sea_lcl',
      },
      {
        case: 'sea_lcl only on a pending licence',
        licences: [doc('freight_licence'), doc('freight_licence', { id: 'f2', modes: ['sea_lcl'], status: 'pending' })],
        modes: ['sea_lcl'],
        outcome: 'fail',
        message: 'does not cover sea_lcl',
      },
      {
        case: 'licence expired (expiresAt == now)',
        licences: [doc('freight_licence', { expiresAt: now })],
        modes: ['express'],
        outcome: 'fail',
        message: 'expired',
      },
      {
        case: 'licence rejected',
        licences: [doc('freight_licence', { status: 'rejected' })],
        modes: ['express'],
        outcome: 'fail',
        message: 'rejected',
      },
      {
        case: 'licence without modes',
        licences: [doc('freight_licence', { modes: null })],
        modes: ['express'],
        outcome: 'fail',
        message: 'does not cover express',
      },
      { case: 'no active lanes, no licence', licences: [], modes: [], outcome: 'pass', message: 'No active lanes' },
    ] as { case: string; licences: QualificationDocument[]; modes: Mode[]; outcome: string; message: string }[])(
      '$case → $outcome',
      ({ licences, modes, outcome, message }) => {
        const i = { ...withDocs('freight_licence', licences), activeLanes: lanes(...modes) };
        const r = requirement(i, 'freight_licence');
        expect(r.outcome).toBe(outcome);
        expect(r.message).toContain(message);
      },
    );
  });

  describe('liability_insurance: verified, unexpired, coverageUsd ≥ 100,000', () => {
    it.each([
      { case: 'coverage 100,000', over: { coverageUsd: 100_000 }, outcome: 'pass', message: 'covers USD 100,000' },
      { case: 'coverage 99,999', over: { coverageUsd: 99_999 }, outcome: 'fail', message: 'USD 99,999, below the required USD 100,000' },
      { case: 'coverage missing', over: { coverageUsd: null }, outcome: 'fail', message: 'below' },
      {
        case: 'pending, coverage 1,000,000',
        over: { status: 'pending', coverageUsd: 1_000_000 },
        outcome: 'fail',
        message: 'awaiting review',
      },
      { case: 'rejected', over: { status: 'rejected' }, outcome: 'fail', message: 'rejected' },
      { case: 'expiresAt == now', over: { expiresAt: now }, outcome: 'fail', message: 'expired' },
    ] as { case: string; over: Partial<QualificationDocument>; outcome: string; message: string }[])(
      '$case → $outcome',
      ({ over, outcome, message }) => {
        const r = requirement(withDocs('liability_insurance', [doc('liability_insurance', over)]), 'liability_insurance');
        expect(r.outcome).toBe(outcome);
        expect(r.message).toContain(message);
      },
    );
  });

  describe('market_coverage: an active lane to US, CA, MX, GB, FR or DE', () => {
    it.each([
      { destinations: ['US'], outcome: 'pass' },
      { destinations: ['CA'], outcome: 'pass' },
      { destinations: ['MX'], outcome: 'pass' },
      { destinations: ['GB'], outcome: 'pass' },
      { destinations: ['FR'], outcome: 'pass' },
      { destinations: ['DE'], outcome: 'pass' },
      { destinations: ['JP', 'DE'], outcome: 'pass' },
      { destinations: ['JP'], outcome: 'fail' },
      { destinations: ['UK'], outcome: 'fail' }, // ISO code is GB
      { destinations: [], outcome: 'fail' },
    ])('lanes to [$destinations] → $outcome', ({ destinations, outcome }) => {
      const activeLanes = destinations.map((destinationCountry) => ({ destinationCountry, mode: 'express' as const }));
      expect(requirement(input({ activeLanes }), 'market_coverage').outcome).toBe(outcome);
    });
  });

  describe('on_time_performance: ≥ 85 % once ≥ 20 delivered in 90 days', () => {
    it.each([
      { delivered: 0, onTime: 0, outcome: 'pass', message: 'not yet rated (0 of 20 deliveries)' },
      { delivered: 19, onTime: 0, outcome: 'pass', message: 'not yet rated (19 of 20 deliveries)' },
      { delivered: 20, onTime: 17, outcome: 'pass', message: '85.0%' },
      { delivered: 20, onTime: 16, outcome: 'fail', message: '80.0%' },
      { delivered: 20, onTime: 20, outcome: 'pass', message: '100.0%' },
      { delivered: 100, onTime: 85, outcome: 'pass', message: '85.0%' },
      { delivered: 100, onTime: 84, outcome: 'fail', message: '84.0%' },
      { delivered: 2499, onTime: 2124, outcome: 'fail', message: '84.9%' }, // 84.99 %, shown rounded down
    ])('$onTime of $delivered on time → $outcome', ({ delivered, onTime, outcome, message }) => {
      const r = requirement(input({ delivered90d: delivered, onTime90d: onTime }), 'on_time_performance');
      expect(r.outcome).toBe(outcome);
      expect(r.message).toContain(message);
    });
  });

  describe('violation_points: active points < 36 and not terminated', () => {
    it.each([
      { points: 0, terminated: false, outcome: 'pass' },
      { points: 35, terminated: false, outcome: 'pass' },
      { points: 36, terminated: false, outcome: 'fail' },
      { points: 48, terminated: false, outcome: 'fail' },
      { points: 0, terminated: true, outcome: 'fail' },
    ])('$points points, terminated $terminated → $outcome', ({ points, terminated, outcome }) => {
      expect(requirement(input({ activePoints: points, terminated }), 'violation_points').outcome).toBe(outcome);
    });
  });
});

describe('§4.3 a document expiring within 30 days adds a warning', () => {
  const warnings = (i: QualificationInput) => evaluateQualification(i, now).results.filter((r) => r.outcome === 'warning');

  it.each([
    { case: 'expires in 1 day', over: { expiresAt: inDays(1) }, warned: true },
    { case: 'expires in exactly 30 days', over: { expiresAt: inDays(30) }, warned: true },
    { case: 'expires in 30 days and 1 ms', over: { expiresAt: new Date(inDays(30).getTime() + 1) }, warned: false },
    { case: 'expires in 31 days', over: { expiresAt: inDays(31) }, warned: false },
    { case: 'already expired (it fails instead)', over: { expiresAt: now }, warned: false },
    { case: 'pending, expires in 10 days', over: { status: 'pending', expiresAt: inDays(10) }, warned: false },
  ] as { case: string; over: Partial<QualificationDocument>; warned: boolean }[])('$case → warning: $warned', ({ over, warned }) => {
    expect(warnings(withDocs('business_license', [doc('business_license', over)])).length).toBe(warned ? 1 : 0);
  });

  it('warns per document, under its own code, right after its requirement, and still qualifies', () => {
    const i = input({
      documents: [
        doc('business_license', { expiresAt: inDays(5) }),
        doc('freight_licence', { expiresAt: inDays(30) }),
        doc('liability_insurance', { expiresAt: inDays(20) }),
      ],
    });
    const outcome = evaluateQualification(i, now);
    expect(outcome.qualified).toBe(true);
    expect(outcome.results.map((r) => [r.code, r.outcome])).toEqual([
      ['business_license', 'pass'],
      ['business_license', 'warning'],
      ['freight_licence', 'pass'],
      ['freight_licence', 'warning'],
      ['liability_insurance', 'pass'],
      ['liability_insurance', 'warning'],
      ['market_coverage', 'pass'],
      ['on_time_performance', 'pass'],
      ['violation_points', 'pass'],
    ]);
    expect(outcome.results[1].message).toBe('Business licence expires on 2025-06-06, within 30 days');
  });

  it('an insurance policy below 100,000 does not count, so it fails without a warning', () => {
    const i = withDocs('liability_insurance', [doc('liability_insurance', { coverageUsd: 99_999, expiresAt: inDays(10) })]);
    expect(warnings(i)).toEqual([]);
  });
});

describe('§4.1 status after a check', () => {
  it.each([
    { current: 'pending', qualified: true, next: 'qualified' },
    { current: 'pending', qualified: false, next: 'pending' },
    { current: 'qualified', qualified: true, next: 'qualified' },
    { current: 'qualified', qualified: false, next: 'suspended' },
    { current: 'suspended', qualified: true, next: 'qualified' },
    { current: 'suspended', qualified: false, next: 'suspended' },
    { current: 'terminated', qualified: true, next: 'terminated' },
    { current: 'terminated', qualified: false, next: 'terminated' },
  ] as { current: ProviderStatus; qualified: boolean; next: ProviderStatus }[])(
    '$current, all pass: $qualified → $next',
    ({ current, qualified, next }) => {
      expect(nextStatus(current, qualified)).toBe(next);
    },
  );
});

describe('§4.1 only qualified providers with no running restriction are listed', () => {
  it.each([
    { status: 'qualified', restrictedUntil: null, listed: true },
    { status: 'qualified', restrictedUntil: inDays(7), listed: false },
    { status: 'qualified', restrictedUntil: now, listed: true }, // the restriction ended at this instant
    { status: 'qualified', restrictedUntil: inDays(-1), listed: true },
    { status: 'pending', restrictedUntil: null, listed: false },
    { status: 'suspended', restrictedUntil: null, listed: false },
    { status: 'terminated', restrictedUntil: null, listed: false },
  ] as { status: ProviderStatus; restrictedUntil: Date | null; listed: boolean }[])(
    '$status, restricted until $restrictedUntil → listed: $listed',
    ({ status, restrictedUntil, listed }) => {
      expect(isListed({ status, restrictedUntil }, now)).toBe(listed);
    },
  );
});

describe('§11 a restriction that ended is announced by the first check after it', () => {
  // A 7-day restriction (§7, ≥ 12 points) set at 2026-06-01T12:00Z ends at 2026-06-08T12:00Z.
  const until = new Date('2026-06-08T12:00:00Z');
  it.each([
    ['no restriction', null, '2026-06-01T12:00:00Z', '2026-06-09T00:00:00Z', false],
    ['still running', until, '2026-06-01T12:00:00Z', '2026-06-08T11:59:59Z', false],
    ['ended at the instant of the check', until, '2026-06-01T12:00:00Z', '2026-06-08T12:00:00Z', true],
    ['ended since the last check (the daily sweep)', until, '2026-06-08T01:00:00Z', '2026-06-09T01:00:00Z', true],
    ['already announced: the last check was at or after the end', until, '2026-06-08T12:00:00Z', '2026-06-09T01:00:00Z', false],
    ['never checked', until, null, '2026-06-09T01:00:00Z', true],
  ] as const)('%s', (_case, restrictedUntil, previousCheckAt, now, expected) => {
    expect(restrictionEndedSince(restrictedUntil, previousCheckAt === null ? null : new Date(previousCheckAt), new Date(now))).toBe(
      expected,
    );
  });
});
