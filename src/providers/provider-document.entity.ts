import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderEntity } from './provider.entity';
import { bigintToNumber } from '../database/transformers';
import type { DocumentStatus, DocumentType, Mode } from './qualification';

/** A qualification document (SPEC §4.2). Dates are `YYYY-MM-DD` strings, as the API shows them. */
@Index('provider_documents_provider', ['providerId', 'createdAt', 'id'])
@Check('provider_documents_type_check', `type IN ('business_license', 'freight_licence', 'liability_insurance')`)
@Check('provider_documents_coverage_usd_check', 'coverage_usd >= 0')
@Check('provider_documents_status_check', `status IN ('pending', 'verified', 'rejected')`)
@Check('provider_documents_check', 'expires_at > issued_at')
@Check('provider_documents_check1', `(type = 'freight_licence') = (modes IS NOT NULL)`)
@Entity('provider_documents')
export class ProviderDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ProviderEntity, { name: 'provider_documents_provider_id_fkey', onDelete: 'CASCADE' })
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

  /** Millisecond precision, the pagination cursor's (keyset on created_at, id). */
  @CreateDateColumn({ type: 'timestamptz', default: () => "date_trunc('milliseconds', now())" })
  createdAt: Date;
}
