import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { EventAudience, EventType } from './event-types';
import { eventsRepository, type NewEventRow } from './events.repository';

export interface RecordedEvent {
  id: string;
  type: EventType;
  buyerId: string | null;
  providerId: string | null;
  createdAt: Date;
}

export interface NewEvent extends EventAudience {
  type: EventType;
  /** The resource after the change, in its §10 shape. */
  object: unknown;
}

/** Work that joins the transaction that recorded events (the webhooks module fans them out to endpoints). */
export type RecordedHook = (m: EntityManager, events: RecordedEvent[]) => Promise<void>;

/**
 * The port every module records its changes through (SPEC §11): `record(m, …)` writes the event with
 * the manager of the change's own transaction, so the change and its event commit or roll back
 * together. Subscribers (`onRecorded`) run in that same transaction.
 */
@Injectable()
export class EventLog {
  private readonly hooks: RecordedHook[] = [];

  constructor(private readonly clock: Clock) {}

  onRecorded(hook: RecordedHook): void {
    this.hooks.push(hook);
  }

  record(m: EntityManager, type: EventType, object: unknown, audience: EventAudience): Promise<void> {
    return this.recordMany(m, [{ type, object, ...audience }]);
  }

  async recordMany(m: EntityManager, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!m.queryRunner?.isTransactionActive) throw new Error('an event must be recorded in the transaction of its change');
    const at = this.clock.now();
    const rows: NewEventRow[] = events.map((e) => ({ id: randomUUID(), type: e.type, buyerId: e.buyerId ?? null, providerId: e.providerId ?? null, object: e.object }));
    await eventsRepository.insert(m, rows, at);
    const recorded = rows.map((r) => ({ id: r.id, type: r.type as EventType, buyerId: r.buyerId, providerId: r.providerId, createdAt: at }));
    for (const hook of this.hooks) await hook(m, recorded);
  }

  /** The stored events with these ids (the delivery worker's read). */
  async find(m: EntityManager, ids: string[]) {
    return eventsRepository.findMany(m, ids);
  }
}
