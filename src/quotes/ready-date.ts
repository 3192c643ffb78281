/** The readyDate window of a quote request (SPEC §5): today … today + 30 (UTC), default today. Pure. */
import { addDays, isValidIsoDate, utcDate, type IsoDate } from '../common/calendar';

export const MAX_READY_DAYS = 30;

export type ReadyDate = { ok: true; readyDate: IsoDate } | { ok: false; from: IsoDate; to: IsoDate };

export function readyDate(given: string | undefined, now: Date): ReadyDate {
  const today = utcDate(now);
  if (given === undefined) return { ok: true, readyDate: today };
  const latest = addDays(today, MAX_READY_DAYS);
  if (!isValidIsoDate(given) || given < today || given > latest) return { ok: false, from: today, to: latest };
  return { ok: true, readyDate: given };
}
