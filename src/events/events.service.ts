import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import type { EventDto, ListEventsQueryDto } from './dto/event.dto';
import { eventsRepository as repo, type EventRow } from './events.repository';

/** The feed (SPEC §11): a buyer sees its own events, a provider its own, an admin all. */
@Injectable()
export class EventsService {
  constructor(private readonly tx: TransactionContext) {}

  async list(principal: Principal, query: ListEventsQueryDto): Promise<Page<EventDto>> {
    const limit = query.limit ?? 50;
    const filter = {
      type: query.type,
      buyerId: principal.role === 'buyer' ? principal.subjectId! : undefined,
      providerId: principal.role === 'provider' ? principal.subjectId! : undefined,
    };
    const rows = await repo.page(this.tx.manager, filter, decodeCursor(query.cursor, 'sequence'), limit);
    return toPage(rows, limit, (r) => ({ key: String(r.seq), id: r.id }), toEventDto);
  }

  async get(principal: Principal, id: string): Promise<EventDto> {
    const row = await repo.find(this.tx.manager, id);
    const visible =
      row && (principal.role === 'admin' || (principal.role === 'buyer' ? row.buyer_id : row.provider_id) === principal.subjectId);
    if (!visible) throw new NotFoundError('Event');
    return toEventDto(row);
  }
}

export function toEventDto(row: EventRow): EventDto {
  return { id: row.id, type: row.type, createdAt: row.created_at, data: row.data as EventDto['data'] };
}
