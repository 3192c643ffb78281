import { EVIDENCE_VALIDITY_DAYS, evidenceExpiry, isUnexpired, latestEvidenceExpiry } from './evidence-expiry';

const at = (iso: string) => new Date(iso);
const verifiedAt = at('2026-03-10T09:00:00Z');

describe('evidence expiry (§3.1): 365 days after verification, or earlier if the admin says so', () => {
  it('is 365 days', () => expect(EVIDENCE_VALIDITY_DAYS).toBe(365));

  it.each([
    ['2026-03-10T09:00:00Z', '2027-03-10T09:00:00Z'],
    ['2027-03-01T00:00:00Z', '2028-02-29T00:00:00Z'], // 365 days, not a calendar year (2028 is a leap year)
  ])('verified %s → expires %s by default', (verified, expires) => {
    expect(latestEvidenceExpiry(at(verified))).toEqual(at(expires));
    expect(evidenceExpiry(at(verified), undefined)).toEqual({ expiresAt: at(expires) });
  });

  it.each([
    ['an earlier instant in the future', '2026-09-01T00:00:00Z', true],
    ['exactly the latest (365 days)', '2027-03-10T09:00:00Z', true],
    ['one millisecond after now', '2026-03-10T09:00:00.001Z', true],
    ['now', '2026-03-10T09:00:00Z', false],
    ['in the past', '2026-01-01T00:00:00Z', false],
    ['past the 365 days', '2027-03-10T09:00:00.001Z', false],
  ])('the admin asks for %s (%s) → accepted %p', (_label, requested, accepted) => {
    const outcome = evidenceExpiry(verifiedAt, at(requested));
    if (accepted) expect(outcome).toEqual({ expiresAt: at(requested) });
    else expect(outcome).toEqual({ error: { field: 'expiresAt', message: expect.stringContaining('2027-03-10T09:00:00.000Z') } });
  });

  it.each([
    ['2027-03-10T08:59:59.999Z', true],
    ['2027-03-10T09:00:00Z', false], // expiring exactly now no longer counts
    ['2027-03-11T00:00:00Z', false],
  ])('evidence expiring 2027-03-10T09:00Z, at %s → counts %p', (now, counts) => {
    expect(isUnexpired(at('2027-03-10T09:00:00Z'), at(now))).toBe(counts);
  });

  it('evidence without an expiry counts', () => expect(isUnexpired(null, at('2999-01-01T00:00:00Z'))).toBe(true));
});
