import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidIsoDate, isValidIsoInstant } from './calendar';

/**
 * The one validator per kind of value every DTO uses (SPEC §1): dates, instants and names. Countries
 * are `IsCountryCode` in `countries.ts`; text PostgreSQL cannot store is refused for every field
 * before validation (`storable-input.ts`).
 */

/** A real calendar date `YYYY-MM-DD` (2028-02-29 yes, 2026-02-29 and 2026-06-31 no). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v) => typeof v === 'string' && isValidIsoDate(v),
        defaultMessage: () => 'must be a real calendar date YYYY-MM-DD',
      },
    },
    options,
  );
}

/** A real instant, ISO 8601 with a zone: `2026-06-08T09:30:00Z`. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (v) => typeof v === 'string' && isValidIsoInstant(v),
        defaultMessage: () => 'must be an ISO 8601 instant with a real date and time and a zone, e.g. 2026-06-08T09:30:00Z',
      },
    },
    options,
  );
}

/** C0 and C1 control characters, DEL, and the line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** A name is one line of visible text: no control characters (tabs and newlines included). */
export function isCleanName(value: unknown): value is string {
  return typeof value === 'string' && !CONTROL.test(value);
}

/** Names of companies and people (company, legal, shipper and consignee names). */
export function IsName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isName',
      validator: {
        validate: (v) => isCleanName(v),
        defaultMessage: () => 'must be a name without control characters (no tabs or line breaks)',
      },
    },
    options,
  );
}
