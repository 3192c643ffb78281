/**
 * How far ahead of the clock an operator may run a sweep. A sweep's writes are final: a tier-expiry
 * sweep as of 9999 demotes every buyer for good (a later sweep at now finds nothing to undo) and a
 * pickup sweep records points dated 9999. A few minutes absorb clock skew between the operator
 * and the server; replaying the future is for test and staging instances (SWEEPS_ALLOW_FUTURE_AS_OF).
 */
export const MAX_AS_OF_AHEAD_MS = 5 * 60_000;

/** True when `asOf` is more than 5 minutes ahead of `now` and the instance does not allow that. */
export function asOfTooFarAhead(asOf: Date, now: Date, allowFuture: boolean): boolean {
  return !allowFuture && asOf.getTime() - now.getTime() > MAX_AS_OF_AHEAD_MS;
}
