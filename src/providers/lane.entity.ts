import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintToNumber, numericToNumber } from '../database/transformers';
import type { BuyerTier, Mode, RemoteArea, WeightBreak } from './rate-card';

/** A published lane with its rate card (SPEC §4.4). Deactivated lanes stay for history. */
@Entity('lanes')
export class LaneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  providerId: string;

  @Column({ type: 'char', length: 2 })
  originCountry: string;

  @Column({ type: 'char', length: 2 })
  destinationCountry: string;

  @Column({ type: 'varchar', length: 16 })
  mode: Mode;

  @Column({ type: 'smallint' })
  transitDaysMin: number;

  @Column({ type: 'smallint' })
  transitDaysMax: number;

  @Column({ type: 'smallint' })
  handlingDays: number;

  @Column({ type: 'jsonb' })
  weightBreaks: WeightBreak[];

  @Column({ type: 'bigint', transformer: bigintToNumber })
  minChargeMinor: number;

  @Column({ type: 'integer' })
  fuelSurchargeBps: number;

  @Column({ type: 'jsonb', nullable: true })
  remoteArea: RemoteArea | null;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  oversizeFeeMinor: number;

  @Column({ type: 'numeric', precision: 8, scale: 3, transformer: numericToNumber })
  maxPieceWeightKg: number;

  @Column({ type: 'boolean' })
  dangerousGoods: boolean;

  @Column({ type: 'varchar', length: 2 })
  minBuyerTier: BuyerTier;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
