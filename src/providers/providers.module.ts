import { Module } from '@nestjs/common';
import { OrderFiguresModule } from '../orders/order-figures.module';
import { BookableLanesRepository } from './bookable-lanes.repository';
import { BookableLanesService } from './bookable-lanes.service';
import { BookingLanes, ProviderBookingLanes } from './booking-lanes.port';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { LanesController } from './lanes.controller';
import { LanesRepository } from './lanes.repository';
import { LanesService } from './lanes.service';
import { MarketController } from './market.controller';
import { MarketVersionRepository } from './market-version.repository';
import { MarketService } from './market.service';
import { ProviderDocumentsRepository } from './provider-documents.repository';
import { ProviderPerformanceReader } from './provider-performance';
import { ProviderRestrictions } from './provider-restrictions';
import { ProvidersController } from './providers.controller';
import { ProvidersRepository } from './providers.repository';
import { ProvidersService } from './providers.service';
import { QualificationService } from './qualification.service';
import { QualificationSweep } from './qualification.sweep';

/**
 * Providers, documents, qualification, lanes and the market (SPEC §4). Owns `providers`,
 * `provider_documents`, `lanes` and `market_version`. Exports what quotes, orders and compliance
 * need: the bookable-lanes read path, the qualification check, ProviderRestrictions (compliance
 * acts on a provider through it) and the performance reader. Needs the ProviderPoints port, which
 * compliance binds (CompliancePortsModule).
 */
@Module({
  imports: [OrderFiguresModule],
  controllers: [ProvidersController, DocumentsController, LanesController, MarketController],
  providers: [
    ProvidersRepository,
    ProviderDocumentsRepository,
    LanesRepository,
    MarketVersionRepository,
    BookableLanesRepository,
    ProviderRestrictions,
    ProvidersService,
    DocumentsService,
    LanesService,
    MarketService,
    QualificationService,
    QualificationSweep,
    BookableLanesService,
    ProviderPerformanceReader,
    { provide: BookingLanes, useClass: ProviderBookingLanes },
  ],
  exports: [BookableLanesService, QualificationService, ProvidersService, ProviderPerformanceReader, ProviderRestrictions, BookingLanes],
})
export class ProvidersModule {}
