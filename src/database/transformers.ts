import type { ValueTransformer } from 'typeorm';

/**
 * How a column the pg driver answers as a string becomes a number, set once for every entity:
 * `bigint` (money in minor units, counters) and `numeric` (weights) arrive as strings so that no
 * precision is lost in transit; every value this service stores is a safe integer (money) or a
 * small decimal (kg with 3 places), so `Number` is exact for them. Null stays null.
 */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** `numeric(p, s)` columns: the same parsing as `bigint`. */
export const numericToNumber: ValueTransformer = bigintToNumber;

/** For raw rows (`manager.query`) of the repositories: a bigint/numeric value as a number, null kept. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value as string);
}

/** For raw rows: a timestamptz as a Date (the pg driver already parses them; strings come from jsonb/CTEs). */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string);
}
