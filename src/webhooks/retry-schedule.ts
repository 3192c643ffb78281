/**
 * When a failed delivery is tried again (SPEC §11): after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
 * 10 h, so 8 attempts in all; and when an endpoint that only fails is disabled. Pure.
 */
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

export const RETRY_DELAYS_MS = [5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 10 * H] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint whose every attempt has failed for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * H;

/** The instant of the next attempt after attempt number `attempt` (1-based) failed at `failedAt`, or null after the last. */
export function nextAttemptAt(attempt: number, failedAt: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay);
}

/** True when an endpoint failing without a success since `failingSince` is to be disabled at `now`. */
export function shouldDisable(failingSince: Date, now: Date): boolean {
  return now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS;
}
