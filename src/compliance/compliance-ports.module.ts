import { Global, Module } from '@nestjs/common';
import { ProviderPoints } from '../providers/provider-points';
import { ViolationsRepository } from './violations.repository';

/**
 * The ports compliance fills for modules it cannot be imported by (providers: compliance depends on
 * it): the ledger's active points behind the providers' ProviderPoints. Global so that the module
 * graph stays acyclic (providers imports nothing of compliance) while the dependency is inverted.
 */
@Global()
@Module({
  providers: [ViolationsRepository, { provide: ProviderPoints, useExisting: ViolationsRepository }],
  exports: [ViolationsRepository, ProviderPoints],
})
export class CompliancePortsModule {}
