import { Injectable } from '@nestjs/common';

export interface SweepResult {
  /** The sweep's name, e.g. `tier-expiry`. */
  sweep: string;
  asOf: Date;
  /** False when another instance was running the same sweep: nothing was done here. */
  ran: boolean;
  /** How many records the sweep looked at and changed, and any sweep-specific figures. */
  examined: number;
  changed: number;
  details?: Record<string, unknown>;
}

export type SweepHandler = (asOf: Date) => Promise<SweepResult>;

/**
 * The sweeps the operators can run now (`POST /v1/admin/sweeps/{name}`) and that run on a schedule.
 * Each domain module registers its own in `onModuleInit`, so the common module depends on none.
 */
@Injectable()
export class SweepsRegistry {
  private readonly handlers = new Map<string, SweepHandler>();

  register(name: string, handler: SweepHandler): void {
    if (this.handlers.has(name)) throw new Error(`sweep ${name} registered twice`);
    this.handlers.set(name, handler);
  }

  get(name: string): SweepHandler | undefined {
    return this.handlers.get(name);
  }

  names(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
