import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for business decisions. Tests replace it with a TestClock to move time;
 * nothing else calls `new Date()` to decide a tier, an expiry, a lateness or a point.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock the tests set and advance. */
export class TestClock extends Clock {
  constructor(private current = new Date('2026-06-01T12:00:00Z')) {
    super();
  }

  override now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}
