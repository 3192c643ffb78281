import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
