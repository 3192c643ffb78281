import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode } from '../../common/countries';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { IsCalendarDate, IsInstant, IsName } from '../../common/validators';
import { ORDER_STATUSES, TRACKING_EVENTS, type OrderStatus, type TrackingEvent } from '../order-lifecycle';

export class AddressDto {
  @ApiProperty({ example: '1 Market St' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  line1: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: 'Los Angeles' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiProperty({ example: '90001' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/, { message: 'postcode must be 1–16 letters, digits, spaces or hyphens' })
  postcode: string;

  /** ISO 3166-1 alpha-2. */
  @ApiProperty({ example: 'US' })
  @IsCountryCode()
  country: string;
}

export class PartyDto {
  @ApiProperty({ example: 'Acme Imports LLC' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsName()
  name: string;

  @ApiProperty({ example: '+1 213 555 0100' })
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be 5–30 digits, spaces, brackets or hyphens, optionally starting with +' })
  phone: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

export class CreateOrderDto {
  /** An option of one of your quotes, not yet expired. */
  @ApiProperty({ example: '0b6f1d2e-7c1a-4f5e-9a0b-3c2d1e0f9a8b' })
  @IsUUID()
  quoteOptionId: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => PartyDto)
  shipper: PartyDto;

  /** Country and postcode must equal the quoted destination. */
  @IsDefined()
  @ValidateNested()
  @Type(() => PartyDto)
  consignee: PartyDto;

  /** Pay with your spendable credits, soonest-expiring first, up to the order total (§6.6). Default false. */
  // No `default` in the schema: generated clients would then make the field required.
  @ApiProperty({ required: false })
  @ValidateIf((o: CreateOrderDto) => o.applyCredits !== undefined) // null is not a boolean either
  @IsBoolean()
  applyCredits?: boolean;
}

export class OrderEventInputDto {
  @ApiProperty({ enum: TRACKING_EVENTS })
  @IsIn(TRACKING_EVENTS)
  type: TrackingEvent;

  /** When it happened: not before booking, not before the previous event, at most 5 minutes ahead. */
  @ApiProperty({ example: '2026-06-08T09:30:00Z' })
  @IsInstant()
  occurredAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;
}

export class CancelOrderDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RemedyDto {
  /** The new pickup date promised: at most 3 business days after pickupBy. */
  @ApiProperty({ format: 'date', example: '2026-06-10' })
  @IsCalendarDate()
  newPickupBy: string;
}

export class ListOrdersQueryDto extends PaginationQueryDto {
  @ApiProperty({ enum: ORDER_STATUSES, required: false })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

export class OrderEventDto {
  @ApiProperty({ enum: ['booked', 'credits_applied', 'picked_up', 'in_transit', 'delivered', 'lost', 'cancelled', 'remedy'] })
  type: string;
  occurredAt: Date;
  location: string | null;
  note: string | null;
}

/** An amount of one credit that paid the order. */
export class OrderCreditDto {
  @ApiProperty({ format: 'uuid' })
  creditId: string;
  @ApiProperty({ type: 'integer' })
  amountMinor: number;
  /** When a cancel gave the amount back to the credit; null while it is spent. */
  restoredAt: Date | null;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  quoteId: string;
  @ApiProperty({ format: 'uuid' })
  quoteOptionId: string;
  @ApiProperty({ format: 'uuid' })
  buyerId: string;
  @ApiProperty({ format: 'uuid' })
  providerId: string;
  @ApiProperty({ format: 'uuid' })
  laneId: string;
  @ApiProperty({ enum: ORDER_STATUSES })
  status: OrderStatus;
  /** The locked price of the quote option. */
  @ApiProperty({ type: 'integer' })
  totalMinor: number;
  @ApiProperty({ enum: ['USD'] })
  currency: string;
  @ApiProperty({ type: 'integer' })
  declaredValueMinor: number;
  /** What the buyer's credits paid of totalMinor at booking (§6.6); 0 without applyCredits. */
  @ApiProperty({ type: 'integer' })
  creditAppliedMinor: number;
  /** totalMinor − creditAppliedMinor. */
  @ApiProperty({ type: 'integer' })
  payableMinor: number;
  /** The credits that paid, soonest-expiring first; empty when none did. */
  @ApiProperty({ type: [OrderCreditDto] })
  credits: OrderCreditDto[];
  @ApiProperty({ format: 'date' })
  pickupBy: string;
  @ApiProperty({ format: 'date' })
  guaranteedBy: string;
  /** A remedy's promised pickup date (§6.5); moves neither pickupBy nor guaranteedBy. */
  @ApiProperty({ format: 'date', nullable: true, type: String })
  remedyPickupBy: string | null;
  @ApiProperty({ enum: ['L0', 'L1', 'L2', 'L3', 'L4'] })
  tierAtBooking: string;
  /** Late compensation is issued without a claim (L3/L4 at booking). */
  automaticCompensation: boolean;
  shipper: PartyDto;
  consignee: PartyDto;
  bookedAt: Date;
  pickedUpAt: Date | null;
  deliveredAt: Date | null;
  /** null until delivered. */
  onTime: boolean | null;
  cancelledAt: Date | null;
  @ApiProperty({ enum: ['buyer', 'provider', 'admin'], nullable: true, type: String })
  cancelledBy: string | null;
  /** The timeline, oldest first. */
  @ApiProperty({ type: [OrderEventDto] })
  events: OrderEventDto[];
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] })
  data: OrderDto[];
  nextCursor: string | null;
}
