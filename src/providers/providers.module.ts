import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookableLanesService } from './bookable-lanes.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { LaneEntity } from './lane.entity';
import { LanesController } from './lanes.controller';
import { LanesService } from './lanes.service';
import { MarketController } from './market.controller';
import { MarketService } from './market.service';
import { ProviderDocumentEntity } from './provider-document.entity';
import { ProviderPerformanceReader } from './provider-performance';
import { ProviderEntity } from './provider.entity';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';
import { QualificationService } from './qualification.service';
import { QualificationSweep } from './qualification.sweep';

/**
 * Providers, documents, qualification, lanes and the market (SPEC §4). Exports what quotes, orders
 * and compliance need: the bookable-lanes read path, the qualification check, and the performance
 * reader they will fill.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ProviderEntity, ProviderDocumentEntity, LaneEntity])],
  controllers: [ProvidersController, DocumentsController, LanesController, MarketController],
  providers: [
    ProvidersService,
    DocumentsService,
    LanesService,
    MarketService,
    QualificationService,
    QualificationSweep,
    BookableLanesService,
    ProviderPerformanceReader,
  ],
  exports: [BookableLanesService, QualificationService, ProvidersService, ProviderPerformanceReader],
})
export class ProvidersModule {}
