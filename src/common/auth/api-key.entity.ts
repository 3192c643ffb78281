import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role } from './principal';

/** An API key. Only a SHA-256 hash of the secret is stored; the prefix lets people tell keys apart. */
@Unique('api_keys_hash_key', ['hash'])
@Index('api_keys_subject', ['subjectId'], { where: 'subject_id IS NOT NULL' })
@Check('api_keys_role_check', `role IN ('admin', 'buyer', 'provider')`)
@Check('api_keys_check', `(role = 'admin') = (subject_id IS NULL)`)
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'char', length: 64, select: false })
  hash: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
