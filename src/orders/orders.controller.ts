import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ClaimsService } from './claims.service';
import { ClaimDto, CreateClaimDto } from './dto/claim.dto';
import { CancelOrderDto, CreateOrderDto, ListOrdersQueryDto, OrderDto, OrderEventInputDto, OrderPageDto, RemedyDto } from './dto/order.dto';
import { OrdersService } from './orders.service';
import { TrackingService } from './tracking.service';

const IDEMPOTENCY_HEADER = ApiHeader({
  name: 'Idempotency-Key',
  required: true,
  description: '1–255 characters, unique per intended operation; a retry with the same key and body replays the first response.',
});

@ApiTags('Orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly tracking: TrackingService,
    private readonly claims: ClaimsService,
  ) {}

  /** Book a quote option at its locked price. One order per quote, whatever the concurrency. */
  @Post()
  @Roles('buyer')
  @Idempotent()
  @IDEMPOTENCY_HEADER
  @ApiErrors(
    'forbidden',
    'not_found',
    'idempotency_key_missing',
    'idempotency_key_reused',
    'idempotency_key_in_use',
    'quote_expired',
    'quote_already_booked',
    'provider_unavailable',
    'address_mismatch',
  )
  book(@CurrentPrincipal() buyer: Principal, @Body() body: CreateOrderDto): Promise<OrderDto> {
    return this.orders.book(buyer, body);
  }

  /** Your orders (buyer), the orders assigned to you (provider), or all (admin); newest first. */
  @Get()
  @ApiErrors('invalid_cursor')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListOrdersQueryDto): Promise<OrderPageDto> {
    return this.orders.list(principal, query);
  }

  /** One order with its timeline. */
  @Get(':id')
  @ApiErrors('not_found')
  get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OrderDto> {
    return this.orders.get(principal, id);
  }

  /** Post a tracking event (provider of the order, or admin). Late delivery triggers compensation and a point. */
  @Post(':id/events')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ApiErrors('forbidden', 'not_found', 'invalid_transition', 'invalid_occurred_at')
  event(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: OrderEventInputDto,
  ): Promise<OrderDto> {
    return this.tracking.post(principal, id, body);
  }

  /** Cancel before pickup: free for the buyer; a provider cancelling costs 4 violation points. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('buyer', 'provider')
  @ApiErrors('forbidden', 'not_found', 'invalid_transition')
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CancelOrderDto,
  ): Promise<OrderDto> {
    return this.orders.cancel(principal, id, body.reason);
  }

  /** Promise a new pickup date before the pickupBy date ends: the breach then costs 2 points instead of 4. */
  @Post(':id/remedy')
  @HttpCode(200)
  @Roles('provider')
  @ApiErrors('forbidden', 'not_found', 'invalid_transition', 'remedy_too_late', 'remedy_exists')
  remedy(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RemedyDto,
  ): Promise<OrderDto> {
    return this.tracking.remedy(principal, id, body);
  }

  /** File a claim: `late_delivery` (credited at once when eligible), `damaged` or `lost` (reviewed by an admin). */
  @Post(':id/claims')
  @Roles('buyer')
  @Idempotent()
  @IDEMPOTENCY_HEADER
  @ApiErrors(
    'forbidden',
    'not_found',
    'idempotency_key_missing',
    'idempotency_key_reused',
    'idempotency_key_in_use',
    'claim_exists',
    'claim_too_early',
    'claim_window_closed',
    'claim_not_late',
    'claim_not_allowed',
  )
  claim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateClaimDto,
  ): Promise<ClaimDto> {
    return this.claims.file(principal, id, body);
  }
}
