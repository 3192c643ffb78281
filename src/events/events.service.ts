import { Injectable } from '@nestjs/common';
import { accessScope, requireAccess } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import type { EventDto, ListEventsQueryDto } from './dto/event.dto';
import { EventsRepository, type EventRow } from './events.repository';

/** The feed (SPEC §11): a buyer sees its own events, a provider its own, an admin all. */
@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  async list(principal: Principal, query: ListEventsQueryDto): Promise<Page<EventDto>> {
    const limit = query.limit ?? 50;
    const scope = accessScope(principal, 'event');
    const rows = await this.events.page({ ...scope, type: query.type }, decodeCursor(query.cursor, 'sequence'), limit);
    return toPage(rows, limit, (r) => ({ key: String(r.seq), id: r.id }), toEventDto);
  }

  async get(principal: Principal, id: string): Promise<EventDto> {
    const row = await this.events.find(id);
    requireAccess(principal, 'event', row, (e) => ({ buyer: e.buyer_id, provider: e.provider_id }));
    return toEventDto(row);
  }
}

export function toEventDto(row: EventRow): EventDto {
  return { id: row.id, type: row.type, createdAt: row.created_at, data: row.data as EventDto['data'] };
}
