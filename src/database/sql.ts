/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING` run through `manager.query`: TypeORM's
 * postgres driver answers those two commands with `[rows, rowCount]`, every other one with `rows`.
 */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** A PostgreSQL unique violation (23505), on the given constraint or index when one is named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
