import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ViolationCode } from './points';

/** One entry of the points ledger (SPEC §7): never updated; it stops counting at `expiresAt`. */
@Entity('violations')
export class ViolationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 40 })
  code: ViolationCode;

  @Column({ type: 'smallint' })
  points: number;

  /** The order whose breach it records (unique per order and code); null for an admin's decision. */
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
