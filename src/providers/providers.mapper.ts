import type { DocumentDto } from './dto/document.dto';
import type { ProviderDto, QualificationResultDto } from './dto/provider.dto';
import type { LaneEntity } from './lane.entity';
import type { ProviderDocumentEntity } from './provider-document.entity';
import type { ProviderEntity } from './provider.entity';
import { isListed, type QualificationDocument } from './qualification';
import type { RateCard } from './rate-card';
import { startOfDay } from '../common/calendar';

/** A lane as the API and the quotes work see it (SPEC §10: the §4.4 fields plus id, providerId, active). */
export interface LaneView extends RateCard {
  id: string;
  providerId: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toLaneView(l: LaneEntity): LaneView {
  return {
    id: l.id,
    providerId: l.providerId,
    originCountry: l.originCountry,
    destinationCountry: l.destinationCountry,
    mode: l.mode,
    transitDays: { min: l.transitDaysMin, max: l.transitDaysMax },
    handlingDays: l.handlingDays,
    weightBreaks: l.weightBreaks,
    minChargeMinor: l.minChargeMinor,
    fuelSurchargeBps: l.fuelSurchargeBps,
    remoteArea: l.remoteArea,
    oversizeFeeMinor: l.oversizeFeeMinor,
    maxPieceWeightKg: l.maxPieceWeightKg,
    dangerousGoods: l.dangerousGoods,
    minBuyerTier: l.minBuyerTier,
    active: l.active,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

export function toRateCard(l: LaneView): RateCard {
  const { originCountry, destinationCountry, mode, transitDays, handlingDays, weightBreaks, minChargeMinor } = l;
  const { fuelSurchargeBps, remoteArea, oversizeFeeMinor, maxPieceWeightKg, dangerousGoods, minBuyerTier } = l;
  return {
    originCountry,
    destinationCountry,
    mode,
    transitDays,
    handlingDays,
    weightBreaks,
    minChargeMinor,
    fuelSurchargeBps,
    remoteArea,
    oversizeFeeMinor,
    maxPieceWeightKg,
    dangerousGoods,
    minBuyerTier,
  };
}

export function toProviderDto(p: ProviderEntity, now: Date): ProviderDto {
  return {
    id: p.id,
    legalName: p.legalName,
    country: p.country,
    status: p.status,
    listed: isListed(p, now),
    restrictedUntil: p.restrictedUntil,
    demotedUntil: p.demotedUntil,
    lastCheck: p.lastCheck && p.checkedAt ? toCheckDto(p) : null,
    createdAt: p.createdAt,
  };
}

function toCheckDto(p: ProviderEntity): QualificationResultDto {
  return { qualified: p.lastCheck!.qualified, checkedAt: p.checkedAt!, results: p.lastCheck!.results };
}

export function toDocumentDto(d: ProviderDocumentEntity): DocumentDto {
  return {
    id: d.id,
    providerId: d.providerId,
    type: d.type,
    number: d.number,
    modes: d.modes,
    coverageUsd: d.coverageUsd,
    issuedAt: d.issuedAt,
    expiresAt: d.expiresAt,
    fileRef: d.fileRef,
    status: d.status,
    reason: d.reason,
    reviewedAt: d.reviewedAt,
    createdAt: d.createdAt,
  };
}

/** `YYYY-MM-DD` as the instant the day starts (UTC): a document is no longer valid from its `expiresAt` day. */

export function toQualificationDocument(d: ProviderDocumentEntity): QualificationDocument {
  return {
    id: d.id,
    type: d.type,
    modes: d.modes,
    coverageUsd: d.coverageUsd,
    issuedAt: startOfDay(d.issuedAt),
    expiresAt: startOfDay(d.expiresAt),
    status: d.status,
  };
}
