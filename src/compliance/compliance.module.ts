import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { ComplianceActionsRepository } from './compliance-actions.repository';
import { CompliancePortsModule } from './compliance-ports.module';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';

/**
 * Violation points and their consequences (SPEC §7). Owns `violations` and `compliance_actions`.
 * Depends on providers (ProviderRestrictions, QualificationService); orders depend on it. Exports
 * ComplianceService (recording) and, through CompliancePortsModule, the providers' ProviderPoints.
 */
@Module({
  imports: [ProvidersModule, CompliancePortsModule],
  controllers: [ComplianceController],
  providers: [ComplianceService, ComplianceActionsRepository],
  exports: [ComplianceService],
})
export class ComplianceModule {}
