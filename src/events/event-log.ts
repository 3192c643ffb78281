import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TransactionContext } from '../database/transaction-context';
import type { EventAudience, EventType } from './event-types';
import { EventsRepository, type EventRow, type NewEventRow } from './events.repository';

export interface NewEvent extends EventAudience {
  type: EventType;
  /** The resource after the change, in its §10 shape. */
  object: unknown;
}

/**
 * What another module writes for every batch of recorded events, in the very statement that inserts
 * them (the webhooks module's fan-out to endpoints): no round trip of its own, and the same
 * transaction as the change.
 */
export interface RecordedFollower {
  /**
   * A data-modifying statement without parameters (`INSERT … SELECT … FROM recorded … RETURNING …`)
   * reading the relation `recorded`: the inserted events' id, type, buyer_id, provider_id, created_at.
   */
  sql: string;
  /**
   * Called in the transaction, after the statement, with how many rows the statement returned. (Not
   * `then`: an object with a `then` method is a thenable, which `await` would call.)
   */
  after(count: number): void;
}

/**
 * The port every module records its changes through (SPEC §11): `record(…)` writes the event in the
 * ambient transaction of the change (`TransactionContext`), so the change and its event commit or
 * roll back together; with no transaction open it refuses (the outbox guarantee). Followers
 * (`onRecorded`) write in that same statement.
 */
@Injectable()
export class EventLog {
  private readonly followers: RecordedFollower[] = [];

  constructor(
    private readonly tx: TransactionContext,
    private readonly repo: EventsRepository,
    private readonly clock: Clock,
  ) {}

  onRecorded(follower: RecordedFollower): void {
    this.followers.push(follower);
  }

  record(type: EventType, object: unknown, audience: EventAudience): Promise<void> {
    return this.recordMany([{ type, object, ...audience }]);
  }

  async recordMany(events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.tx.manager.queryRunner?.isTransactionActive) throw new Error('an event must be recorded in the transaction of its change');
    const rows: NewEventRow[] = events.map((e) => ({
      id: randomUUID(),
      type: e.type,
      buyerId: e.buyerId ?? null,
      providerId: e.providerId ?? null,
      object: e.object,
    }));
    const counts = await this.repo.insert(
      rows,
      this.clock.now(),
      this.followers.map((f) => f.sql),
    );
    this.followers.forEach((f, i) => f.after(counts[i]!));
  }

  /** The stored events with these ids (the delivery worker's read). */
  find(ids: string[]): Promise<EventRow[]> {
    return this.repo.findMany(ids);
  }
}
