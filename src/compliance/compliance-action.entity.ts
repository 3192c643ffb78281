import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ThresholdAction } from './points';

/** A threshold action taken once per crossing (SPEC §7), listed as `warnings` in the compliance answer. */
@Entity('compliance_actions')
export class ComplianceActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  /** The entry whose recording crossed the threshold. */
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
