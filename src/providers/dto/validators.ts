import { ValidateBy, type ValidationOptions } from 'class-validator';
export { IsCountryCode } from '../../common/countries';

const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !YMD.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (v) => isCalendarDate(v), defaultMessage: () => 'must be a date YYYY-MM-DD' } },
    options,
  );
}
