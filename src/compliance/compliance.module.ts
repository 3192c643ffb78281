import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';

/** Violation points and their consequences (SPEC §7). Depends on providers; orders depend on it. */
@Module({
  imports: [ProvidersModule],
  controllers: [ComplianceController],
  providers: [ComplianceService],
  exports: [ComplianceService],
})
export class ComplianceModule {}
