import { isValidIsoDate, isValidIsoInstant } from './calendar';
import { isCountryCode } from './countries';
import { checkStorableInput } from './storable-input';
import { isCleanName } from './validators';

describe('every date input is a real calendar date (SPEC §1)', () => {
  it.each([
    ['2028-02-29', true, 'a leap day'],
    ['2026-06-30', true, 'the last of June'],
    ['2026-02-29', false, 'no leap day in 2026'],
    ['2026-06-31', false, 'June has 30 days'],
    ['2026-13-01', false, 'no month 13'],
    ['2026-00-10', false, 'no month 0'],
    ['2026-6-1', false, 'not zero-padded'],
    ['2026-06-01T00:00:00Z', false, 'an instant is not a date'],
  ])('%s → %s (%s)', (date, valid) => {
    expect(isValidIsoDate(date)).toBe(valid);
  });
});

describe('every instant input is a real instant with a zone', () => {
  it.each([
    ['2026-06-08T09:30:00Z', true],
    ['2026-06-08T09:30Z', true],
    ['2026-06-08T09:30:00.123Z', true],
    ['2026-06-08T09:30:00+05:30', true],
    ['2028-02-29T23:59:59-08:00', true],
    ['2026-02-29T00:00:00Z', false],
    ['2026-06-31T00:00:00Z', false],
    ['2026-13-45T99:99:99Z', false],
    ['2026-06-08T24:00:00Z', false],
    ['2026-06-08T09:60:00Z', false],
    ['2026-06-08T09:30:00', false],
    ['2026-06-08', false],
    ['-271821-04-20T00:00:00Z', false],
    ['+275760-09-13T00:00:00Z', false],
    ['yesterday', false],
  ])('%s → %s', (instant, valid) => {
    expect(isValidIsoInstant(instant)).toBe(valid);
  });
});

describe('countries are upper-case ISO 3166-1 alpha-2', () => {
  it.each([
    ['US', true],
    ['GB', true],
    ['us', false],
    ['Gb', false],
    ['UK', false],
    ['USA', false],
  ])('%s → %s', (code, valid) => {
    expect(isCountryCode(code)).toBe(valid);
  });
});

describe('names refuse control characters', () => {
  it.each([
    ['Acme Imports Ltd', true],
    ['Société Générale 株式会社', true],
    ['Acme\u0000Ltd', false],
    ['Acme\tLtd', false],
    ['Acme\nLtd', false],
    ['Acme\u007fLtd', false],
    ['Acme\u0085Ltd', false],
    ['Acme\u2028Ltd', false],
  ])('%j → %s', (name, valid) => {
    expect(isCleanName(name)).toBe(valid);
  });
});

describe('text PostgreSQL cannot store, found in one pass', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

  it('names each string holding U+0000 or an unpaired surrogate by its path', () => {
    const body = {
      companyName: 'ok',
      consignee: { address: { line1: 'a\u0000b', line2: '\ud800' } },
      pieces: [{ note: 'fine' }, { note: 'x\udc00' }],
      pair: '\ud83d\ude00',
    };
    expect(checkStorableInput(body)).toEqual({
      tooDeep: false,
      errors: [
        { field: 'consignee.address.line1', message: expect.stringContaining('U+0000') },
        { field: 'consignee.address.line2', message: expect.stringContaining('surrogate') },
        { field: 'pieces[1].note', message: expect.stringContaining('surrogate') },
      ],
    });
  });

  it('checks field names too', () => {
    expect(checkStorableInput({ 'a\u0000': 1 }).errors).toEqual([{ field: '"a\\u0000"', message: expect.stringContaining('field name') }]);
  });

  it.each([
    [32, false],
    [33, true],
    [3000, true],
  ])('objects nested %i levels deep: too deep = %s', (depth, tooDeep) => {
    expect(checkStorableInput(nested(depth)).tooDeep).toBe(tooDeep);
  });

  it('stops at the depth limit, so a body nested 100,000 levels does not overflow the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(checkStorableInput(deep).tooDeep).toBe(true);
  });
});
