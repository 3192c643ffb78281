import { Module } from '@nestjs/common';
import { BuyersModule } from '../buyers/buyers.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { ProvidersModule } from '../providers/providers.module';
import { QuotesModule } from '../quotes/quotes.module';
import { BuyerLink } from './buyer-link';
import { BuyerLinkAdapter } from './buyer-link.adapter';
import { ClaimsController } from './claims.controller';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';
import { CreditsRepository } from './credits.repository';
import { OrderEvents } from './order-events';
import { OrderTransitions } from './order-transitions.service';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { PickupObligationSweep } from './pickup-obligation.sweep';
import { TrackingService } from './tracking.service';

/**
 * Orders, tracking, the on-time guarantee, claims, credits and the pickup obligation (SPEC §6).
 * Reads quote options through quotes' QuotedOptions and bookability through providers' BookingLanes;
 * what others read of orders is OrderFiguresModule's port.
 */
@Module({
  imports: [ComplianceModule, BuyersModule, QuotesModule, ProvidersModule],
  controllers: [OrdersController, ClaimsController],
  providers: [
    OrdersRepository,
    ClaimsRepository,
    CreditsRepository,
    OrderEvents,
    OrderTransitions,
    OrdersService,
    TrackingService,
    ClaimsService,
    PickupObligationSweep,
    { provide: BuyerLink, useClass: BuyerLinkAdapter },
  ],
})
export class OrdersModule {}
