import { isEventPattern, matchesPattern } from './event-types';

describe('event patterns (SPEC §11)', () => {
  it.each([
    ['*', 'order.booked', true],
    ['order.*', 'order.booked', true],
    ['order.*', 'order.remedy_submitted', true],
    ['order.*', 'credit.issued', false],
    ['credit.issued', 'credit.issued', true],
    ['credit.issued', 'credit.spent', false],
    ['provider.*', 'provider.compliance_action', true],
  ])('%s matches %s: %s', (pattern, type, expected) => {
    expect(matchesPattern(pattern, type)).toBe(expected);
  });

  it.each([
    ['*', true],
    ['order.*', true],
    ['order.booked', true],
    ['document.reviewed', true],
    ['order.shipped', false],
    ['nothing.*', false],
    ['order.%', false],
    ['', false],
    ['**', false],
  ])('%s is a valid pattern: %s', (pattern, expected) => {
    expect(isEventPattern(pattern)).toBe(expected);
  });
});
