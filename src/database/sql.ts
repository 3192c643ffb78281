/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING` run through `manager.query`: TypeORM's
 * postgres driver answers those two commands with `[rows, rowCount]`, every other one with `rows`.
 */
export function returnedRows<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
