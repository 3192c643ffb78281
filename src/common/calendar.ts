/**
 * UTC calendar dates as plain `YYYY-MM-DD` strings (string order is chronological), business days
 * and the quote dates of SPEC §5.3. Pure: "today" comes in as an argument, never from the system clock.
 */

/** A calendar date `YYYY-MM-DD` (UTC). */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds at UTC midnight; refuses malformed strings and impossible dates like 2025-02-30. */
function parse(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (format(ms) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms;
}

function format(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function checkCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer: ${n}`);
}

export function isValidIsoDate(date: string): boolean {
  try {
    parse(date);
    return true;
  } catch {
    return false;
  }
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An ISO 8601 instant that names one moment: a real calendar date, a real time of day and an
 * explicit zone (`Z` or `±hh:mm`; without one the moment would depend on the server's zone).
 */
export function isValidIsoInstant(instant: string): boolean {
  const match = ISO_INSTANT.exec(instant);
  return match !== null && isValidIsoDate(match[1]) && !Number.isNaN(Date.parse(instant));
}

/** The UTC calendar date of an instant. */
export function utcDate(now: Date): IsoDate {
  return format(now.getTime());
}

/** The first instant of a UTC date. */
export function startOfDay(date: IsoDate): Date {
  return new Date(parse(date));
}

/** The end of a UTC date, as the exclusive instant: 00:00:00Z of the next day. */
export function endOfDay(date: IsoDate): Date {
  return new Date(parse(date) + DAY_MS);
}

/** Calendar days (negative goes back). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return format(parse(date) + n * DAY_MS);
}

/** Monday–Friday. */
export function isBusinessDay(date: IsoDate): boolean {
  const weekday = new Date(parse(date)).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return weekday !== 0 && weekday !== 6;
}

/**
 * "+ n business days": step forward one day at a time, counting only Monday–Friday days, until n
 * are counted. +0 is the same day, whatever weekday it is.
 */
export function addBusinessDays(date: IsoDate, n: number): IsoDate {
  checkCount('business days', n);
  let current = parse(date);
  for (let counted = 0; counted < n;) {
    current += DAY_MS;
    const weekday = new Date(current).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return format(current);
}

/** The ready date, moved to the next Monday when it falls on a Saturday or Sunday. */
export function startDate(readyDate: IsoDate): IsoDate {
  const weekday = new Date(parse(readyDate)).getUTCDay();
  if (weekday === 6) return addDays(readyDate, 2);
  if (weekday === 0) return addDays(readyDate, 1);
  return readyDate;
}

export interface QuoteDates {
  pickupBy: IsoDate;
  guaranteedBy: IsoDate;
}

/** pickupBy = start + handlingDays business days; guaranteedBy = pickupBy + transitDays.max business days. */
export function quoteDates(readyDate: IsoDate, handlingDays: number, transitMax: number): QuoteDates {
  checkCount('handlingDays', handlingDays);
  checkCount('transitDays.max', transitMax);
  const pickupBy = addBusinessDays(startDate(readyDate), handlingDays);
  return { pickupBy, guaranteedBy: addBusinessDays(pickupBy, transitMax) };
}
