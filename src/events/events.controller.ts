import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { EventDto, EventPageDto, ListEventsQueryDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('Events and webhooks')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Your events (a buyer's, a provider's; admin: all), newest first; `type` may end in `.*`. Kept at least 30 days. */
  @Get()
  @ApiErrors('invalid_cursor')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListEventsQueryDto): Promise<EventPageDto> {
    return this.events.list(principal, query);
  }

  /** One event. */
  @Get(':id')
  @ApiErrors('not_found')
  get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<EventDto> {
    return this.events.get(principal, id);
  }
}
