import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toDate, toNumber } from '../database/transformers';
import type { LaneView } from './providers.mapper';
import type { ProviderStatus } from './qualification';

export interface BookableRow {
  lane: LaneView;
  provider: { id: string; legalName: string; status: ProviderStatus; restrictedUntil: Date | null; demotedUntil: Date | null };
}

/**
 * Active lanes of qualified providers (to one destination, or all), with the market version of the
 * same snapshot: one statement, so the rows and the version always agree. Restrictions are not
 * filtered here — they end by the clock, so the reader filters them at read time.
 */
@Injectable()
export class BookableLanesRepository {
  /**
   * The process-wide cache reads committed data only, on the pool, never inside a request's
   * transaction: rows read there could be rolled back after the cache kept them.
   */
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The market version alone (the cheap check every MARKET_VERSION_CHECK_MS). */
  async version(): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT version::text AS version FROM market_version WHERE id = 1')) as {
      version: string;
    }[];
    return row.version;
  }

  async load(destination: string | null): Promise<{ version: string; rows: BookableRow[] }> {
    const raw = (await this.dataSource.query(
      `WITH v AS (SELECT version FROM market_version WHERE id = 1)
     SELECT v.version::text AS version, x.* FROM v LEFT JOIN (
       SELECT l.id, l.provider_id, l.origin_country, l.destination_country, l.mode, l.transit_days_min, l.transit_days_max,
              l.handling_days, l.weight_breaks, l.min_charge_minor::text AS min_charge_minor, l.fuel_surcharge_bps,
              l.remote_area, l.oversize_fee_minor::text AS oversize_fee_minor, l.max_piece_weight_kg::text AS max_piece_weight_kg,
              l.dangerous_goods, l.min_buyer_tier, l.created_at, l.updated_at,
              p.legal_name, p.status, p.restricted_until, p.demoted_until
       FROM lanes l JOIN providers p ON p.id = l.provider_id
       WHERE l.active AND p.status = 'qualified' AND ($1::text IS NULL OR l.destination_country = $1)
     ) x ON true`,
      [destination],
    )) as Record<string, any>[];
    const version = raw[0].version as string;
    const rows = raw.filter((r) => r.id !== null).map(toRow);
    return { version, rows };
  }
}

function toRow(r: Record<string, any>): BookableRow {
  return {
    lane: {
      id: r.id,
      providerId: r.provider_id,
      originCountry: r.origin_country,
      destinationCountry: r.destination_country,
      mode: r.mode,
      transitDays: { min: toNumber(r.transit_days_min), max: toNumber(r.transit_days_max) },
      handlingDays: toNumber(r.handling_days),
      weightBreaks: r.weight_breaks,
      minChargeMinor: toNumber(r.min_charge_minor),
      fuelSurchargeBps: toNumber(r.fuel_surcharge_bps),
      remoteArea: r.remote_area,
      oversizeFeeMinor: toNumber(r.oversize_fee_minor),
      maxPieceWeightKg: toNumber(r.max_piece_weight_kg),
      dangerousGoods: r.dangerous_goods,
      minBuyerTier: r.min_buyer_tier,
      active: true,
      createdAt: toDate(r.created_at)!,
      updatedAt: toDate(r.updated_at)!,
    },
    provider: {
      id: r.provider_id,
      legalName: r.legal_name,
      status: r.status,
      restrictedUntil: toDate(r.restricted_until),
      demotedUntil: toDate(r.demoted_until),
    },
  };
}
