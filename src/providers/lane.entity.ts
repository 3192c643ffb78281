import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ProviderEntity } from './provider.entity';
import { bigintToNumber, numericToNumber } from '../database/transformers';
import type { BuyerTier, Mode, RemoteArea, WeightBreak } from './rate-card';

/** A published lane with its rate card (SPEC §4.4). Deactivated lanes stay for history. */
@Index('lanes_provider', ['providerId', 'createdAt', 'id'])
@Index('lanes_bookable', ['destinationCountry', 'mode'], { where: 'active' })
@Index('lanes_active_unique', ['providerId', 'originCountry', 'destinationCountry', 'mode'], { unique: true, where: 'active' })
@Check('lanes_mode_check', `mode IN ('express', 'air', 'sea_lcl')`)
@Check('lanes_transit_days_min_check', 'transit_days_min BETWEEN 1 AND 90')
@Check('lanes_transit_days_max_check', 'transit_days_max BETWEEN 1 AND 90')
@Check('lanes_handling_days_check', 'handling_days BETWEEN 0 AND 10')
@Check('lanes_min_charge_minor_check', 'min_charge_minor >= 0')
@Check('lanes_fuel_surcharge_bps_check', 'fuel_surcharge_bps BETWEEN 0 AND 10000')
@Check('lanes_oversize_fee_minor_check', 'oversize_fee_minor >= 0')
@Check('lanes_max_piece_weight_kg_check', 'max_piece_weight_kg > 0')
@Check('lanes_min_buyer_tier_check', `min_buyer_tier IN ('L0', 'L1', 'L2', 'L3', 'L4')`)
@Check('lanes_check', 'origin_country <> destination_country')
@Check('lanes_check1', 'transit_days_min <= transit_days_max')
@Check('lanes_check2', 'active = (deactivated_at IS NULL)')
@Entity('lanes')
export class LaneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ProviderEntity, { name: 'lanes_provider_id_fkey', onDelete: 'CASCADE' })
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

  /** Millisecond precision, the pagination cursor's (keyset on created_at, id). */
  @CreateDateColumn({ type: 'timestamptz', default: () => "date_trunc('milliseconds', now())" })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
