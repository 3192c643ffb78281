import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookEndpointDto,
  WebhookEndpointPageDto,
} from './dto/webhook-endpoint.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@ApiTags('Events and webhooks')
@ApiBearerAuth()
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  /** Subscribe a URL to your events (admin: all events); the answer carries the signing `secret`, shown only here. */
  @Post()
  @ApiErrors('webhook_url_not_allowed')
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.endpoints.create(principal, body);
  }

  /** Your endpoints (admin: all), oldest first. */
  @Get()
  @ApiErrors('invalid_cursor')
  list(@CurrentPrincipal() principal: Principal, @Query() query: PaginationQueryDto): Promise<WebhookEndpointPageDto> {
    return this.endpoints.list(principal, query.limit ?? 50, query.cursor);
  }

  /** One endpoint (without its secret). */
  @Get(':id')
  @ApiErrors('not_found')
  get(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(principal, id);
  }

  /** Change `url`, `events`, `description` or `status` (`enabled` again after a disable). */
  @Patch(':id')
  @ApiErrors('not_found', 'webhook_url_not_allowed')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.endpoints.update(principal, id, body);
  }

  /** Delete the endpoint and its delivery history. */
  @Delete(':id')
  @HttpCode(204)
  @ApiErrors('not_found')
  remove(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.endpoints.remove(principal, id);
  }

  /** A new signing secret (shown only here); the old one keeps signing, as a second signature, for 24 h. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiErrors('not_found')
  rotate(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<WebhookEndpointDto> {
    return this.endpoints.rotate(principal, id);
  }

  /** Delivery attempts to this endpoint, newest first: each with status, response status, duration and error. */
  @Get(':id/deliveries')
  @ApiErrors('not_found', 'invalid_cursor')
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.endpoints.deliveries(principal, id, query.limit ?? 50, query.cursor);
  }

  /** Send an event to this endpoint again now; answers the pending attempt. */
  @Post(':id/deliveries/:eventId/retry')
  @HttpCode(202)
  @ApiErrors('not_found', 'webhook_endpoint_disabled')
  retry(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.endpoints.retry(principal, id, eventId);
  }
}
