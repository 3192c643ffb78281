import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ViolationEntity } from './violation.entity';
import { ProviderEntity } from '../providers/provider.entity';
import type { ThresholdAction } from './points';

/** A threshold action taken once per crossing (SPEC §7), listed as `warnings` in the compliance answer. */
@Index('compliance_actions_provider', ['providerId', 'createdAt'])
@Check('compliance_actions_action_check', `action IN ('warning', 'restrict', 'terminate')`)
@Entity('compliance_actions')
export class ComplianceActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ProviderEntity, { name: 'compliance_actions_provider_id_fkey' })
  @Column({ type: 'uuid' })
  providerId: string;

  /** The entry whose recording crossed the threshold. */
  @ForeignKey(() => ViolationEntity, { name: 'compliance_actions_violation_id_fkey' })
  @Column({ type: 'uuid' })
  violationId: string;

  @Column({ type: 'smallint' })
  threshold: number;

  @Column({ type: 'varchar', length: 12 })
  action: ThresholdAction;

  @Column({ type: 'timestamptz', nullable: true })
  restrictedUntil: Date | null;

  @Column({ type: 'boolean', default: false })
  lanesDeactivated: boolean;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
