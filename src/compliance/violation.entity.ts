import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrderEntity } from '../orders/order.entity';
import { ProviderEntity } from '../providers/provider.entity';
import type { ViolationCode } from './points';

/** One entry of the points ledger (SPEC §7): never updated; it stops counting at `expiresAt`. */
@Index('violations_order_code', ['orderId', 'code'], { unique: true, where: 'order_id IS NOT NULL' })
@Index('violations_provider', ['providerId', 'expiresAt'])
@Check('violations_points_check', 'points > 0')
@Entity('violations')
export class ViolationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ProviderEntity, { name: 'violations_provider_id_fkey' })
  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 40 })
  code: ViolationCode;

  @Column({ type: 'smallint' })
  points: number;

  /**
   * The order whose breach it records (unique per order and code); null for an admin's decision.
   * Its foreign key is violations_order_id_fkey.
   */
  @ForeignKey(() => OrderEntity, { name: 'violations_order_id_fkey' })
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
