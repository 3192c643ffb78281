import { validateEvidenceValue } from './evidence-value';

const registration = { registrationNumber: 'HRB 1234', legalName: 'Acme GmbH', country: 'DE', yearEstablished: 2020 };
const fields = (type: Parameters<typeof validateEvidenceValue>[0], value: unknown) =>
  validateEvidenceValue(type, value, 2026).map((e) => e.field);

describe('evidence value validation (SPEC §3.1)', () => {
  it.each([
    ['a complete registration', registration, []],
    ['founded this year', { ...registration, yearEstablished: 2026 }, []],
    ['founded in 1800', { ...registration, yearEstablished: 1800 }, []],
    ['founded next year', { ...registration, yearEstablished: 2027 }, ['value.yearEstablished']],
    ['founded in 1799', { ...registration, yearEstablished: 1799 }, ['value.yearEstablished']],
    ['a fractional year', { ...registration, yearEstablished: 2020.5 }, ['value.yearEstablished']],
    ['a year as a string', { ...registration, yearEstablished: '2020' }, ['value.yearEstablished']],
    ['UK instead of GB', { ...registration, country: 'UK' }, ['value.country']],
    ['a lower-case country', { ...registration, country: 'de' }, ['value.country']],
    ['an empty legal name', { ...registration, legalName: ' ' }, ['value.legalName']],
    ['no registration number', { ...registration, registrationNumber: undefined }, ['value.registrationNumber']],
    ['an extra field', { ...registration, status: 'verified' }, ['value.status']],
    ['a number', 5, ['value']],
    ['null', null, ['value']],
  ])('business_registration: %s', (_label, value, expected) => {
    expect(fields('business_registration', value)).toEqual(expected);
  });

  it.each([
    [0, []],
    [50_000, []],
    [Number.MAX_SAFE_INTEGER, []],
    [-1, ['value']],
    [1.5, ['value']],
    ['50000', ['value']],
    [Number.MAX_SAFE_INTEGER + 1, ['value']],
    [{ amount: 1 }, ['value']],
  ])('integer types: %p', (value, expected) => {
    for (const type of ['annual_procurement_usd', 'annual_revenue_usd', 'employee_count'] as const) {
      expect(fields(type, value)).toEqual(expected);
    }
  });
});
