import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '../database/transformers';
import type { DocumentStatus, DocumentType, Mode } from './qualification';

/** A qualification document (SPEC §4.2). Dates are `YYYY-MM-DD` strings, as the API shows them. */
@Entity('provider_documents')
export class ProviderDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 32 })
  type: DocumentType;

  @Column({ type: 'varchar', length: 100 })
  number: string;

  @Column({ type: 'jsonb', nullable: true })
  modes: Mode[] | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintToNumber })
  coverageUsd: number | null;

  @Column({ type: 'date' })
  issuedAt: string;

  @Column({ type: 'date' })
  expiresAt: string;

  @Column({ type: 'varchar', length: 500 })
  fileRef: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DocumentStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
