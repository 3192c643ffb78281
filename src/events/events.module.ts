import { Global, Module } from '@nestjs/common';
import { EventLog } from './event-log';
import { EventsRetentionSweep } from './events-retention.sweep';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/**
 * The event outbox and feed (SPEC §11). Global, because every domain module records its changes
 * through `EventLog`; it depends on no domain module.
 */
@Global()
@Module({
  controllers: [EventsController],
  providers: [EventsRepository, EventLog, EventsService, EventsRetentionSweep],
  exports: [EventLog],
})
export class EventsModule {}
