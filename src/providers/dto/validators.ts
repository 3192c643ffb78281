import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCountryCode } from '../../common/countries';

/** An ISO 3166-1 alpha-2 code in upper case (`GB`, not `UK`). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCountryCode', validator: { validate: (v) => isCountryCode(v), defaultMessage: () => 'must be an ISO 3166-1 alpha-2 country code, e.g. US or GB' } },
    options,
  );
}

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
