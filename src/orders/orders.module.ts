import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { PickupObligationSweep } from './pickup-obligation.sweep';
import { TrackingService } from './tracking.service';
import { BuyerLink } from './buyer-link';
import { BuyerLinkAdapter } from './buyer-link.adapter';
import { BuyersModule } from '../buyers/buyers.module';

/** Orders, tracking, the on-time guarantee, claims and the pickup obligation (SPEC §6). */
@Module({
  imports: [ComplianceModule, BuyersModule],
  controllers: [OrdersController, ClaimsController],
  providers: [OrdersService, TrackingService, ClaimsService, PickupObligationSweep, { provide: BuyerLink, useClass: BuyerLinkAdapter }],
})
export class OrdersModule {}
