/**
 * The shape of an error code table: code → [HTTP status, what it means]. Each module keeps its own
 * table next to its rules (`buyers.errors.ts`, …) and `error-codes.ts` spreads them into the one
 * registry the type `ErrorCode` and the OpenAPI document are derived from.
 */
export type ErrorDefinitions = Record<string, readonly [status: number, meaning: string]>;
