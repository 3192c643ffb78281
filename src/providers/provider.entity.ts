import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ProviderStatus, RequirementResult } from './qualification';

/** The stored result of the last qualification check (SPEC §10 without `checkedAt`, kept beside it). */
export interface StoredCheck {
  qualified: boolean;
  results: RequirementResult[];
}

/**
 * A logistics provider (SPEC §4.1). `status` moves only through qualification checks (and §7 sets
 * `terminated`); a points restriction is `restrictedUntil`, a ranking demotion `demotedUntil`.
 */
@Index('providers_created_at', ['createdAt', 'id'])
@Index('providers_sweep', ['status'], { where: `checked_at IS NOT NULL AND status <> 'terminated'` })
@Check('providers_status_check', `status IN ('pending', 'qualified', 'suspended', 'terminated')`)
@Entity('providers')
export class ProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  legalName: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ProviderStatus;

  @Column({ type: 'timestamptz', nullable: true })
  restrictedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  demotedUntil: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  lastCheck: StoredCheck | null;

  @Column({ type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  /** Millisecond precision, the pagination cursor's (keyset on created_at, id). */
  @CreateDateColumn({ type: 'timestamptz', default: () => "date_trunc('milliseconds', now())" })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
