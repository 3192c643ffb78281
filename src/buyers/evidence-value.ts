/**
 * Type-specific validation of an evidence `value` (SPEC §3.1). Pure: the caller passes the current
 * year, so "not in the future" follows the injected clock.
 */
import { isCountryCode } from '../common/countries';
import { isCleanName } from '../common/validators';
import type { FieldError } from './tier-policy';
import type { EvidenceType } from './tier-evaluation';

export const EVIDENCE_TYPES = ['business_registration', 'annual_procurement_usd', 'annual_revenue_usd', 'employee_count'] as const;

export const EARLIEST_YEAR_ESTABLISHED = 1800;

const REGISTRATION_FIELDS = ['registrationNumber', 'legalName', 'country', 'yearEstablished'];

const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

export function validateEvidenceValue(type: EvidenceType, value: unknown, currentYear: number): FieldError[] {
  if (type !== 'business_registration') {
    return Number.isSafeInteger(value) && (value as number) >= 0
      ? []
      : [{ field: 'value', message: `${type} must be a non-negative whole number` }];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: 'value', message: 'must be an object { registrationNumber, legalName, country, yearEstablished }' }];
  }
  const v = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field: `value.${field}`, message });
  for (const key of Object.keys(v)) if (!REGISTRATION_FIELDS.includes(key)) add(key, 'unknown field: not accepted here');
  if (!text(v.registrationNumber, 64)) add('registrationNumber', 'must be a non-empty string of at most 64 characters');
  if (!text(v.legalName, 200) || !isCleanName(v.legalName))
    add('legalName', 'must be a non-empty name of at most 200 characters, without control characters');
  if (!isCountryCode(v.country)) add('country', 'must be an ISO 3166-1 alpha-2 country code in upper case, e.g. GB');
  const year = v.yearEstablished;
  if (!Number.isSafeInteger(year) || (year as number) < EARLIEST_YEAR_ESTABLISHED || (year as number) > currentYear) {
    add('yearEstablished', `must be a whole year from ${EARLIEST_YEAR_ESTABLISHED} to ${currentYear} (not in the future)`);
  }
  return errors;
}
