import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../database/transformers';

/**
 * The market version: a single row (id 1) whose counter every change of what is bookable bumps in
 * its transaction, so other instances' bookable-lanes caches see they are stale (MarketVersionRepository).
 */
@Check('market_version_id_check', 'id = 1')
@Entity('market_version')
export class MarketVersionEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint', transformer: bigintToNumber })
  version: number;
}
