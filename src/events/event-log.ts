import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TransactionContext } from '../database/transaction-context';
import type { EventAudience, EventType } from './event-types';
import { EventsRepository, type EventRow, type NewEventRow } from './events.repository';

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
export type RecordedHook = (events: RecordedEvent[]) => Promise<void>;

/**
 * The port every module records its changes through (SPEC §11): `record(…)` writes the event in the
 * ambient transaction of the change (`TransactionContext`), so the change and its event commit or
 * roll back together; with no transaction open it refuses (the outbox guarantee). Subscribers
 * (`onRecorded`) run in that same transaction.
 */
@Injectable()
export class EventLog {
  private readonly hooks: RecordedHook[] = [];

  constructor(
    private readonly tx: TransactionContext,
    private readonly repo: EventsRepository,
    private readonly clock: Clock,
  ) {}

  onRecorded(hook: RecordedHook): void {
    this.hooks.push(hook);
  }

  record(type: EventType, object: unknown, audience: EventAudience): Promise<void> {
    return this.recordMany([{ type, object, ...audience }]);
  }

  async recordMany(events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.tx.manager.queryRunner?.isTransactionActive) throw new Error('an event must be recorded in the transaction of its change');
    const at = this.clock.now();
    const rows: NewEventRow[] = events.map((e) => ({
      id: randomUUID(),
      type: e.type,
      buyerId: e.buyerId ?? null,
      providerId: e.providerId ?? null,
      object: e.object,
    }));
    await this.repo.insert(rows, at);
    const recorded = rows.map((r) => ({
      id: r.id,
      type: r.type as EventType,
      buyerId: r.buyerId,
      providerId: r.providerId,
      createdAt: at,
    }));
    for (const hook of this.hooks) await hook(recorded);
  }

  /** The stored events with these ids (the delivery worker's read). */
  find(ids: string[]): Promise<EventRow[]> {
    return this.repo.findMany(ids);
  }
}
