import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { accessScope, requireAccess, type Owners } from '../common/auth/access-policy';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination/pagination';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { TransactionContext } from '../database/transaction-context';
import type {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookEndpointDto,
} from './dto/webhook-endpoint.dto';
import { DeliveryWorker } from './delivery.worker';
import { urlRefusal } from './url-policy';
import { WebhookDeliveriesRepository, type DeliveryRow } from './webhook-deliveries.repository';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** A rotated-out secret keeps signing, as a second signature, this long (SPEC §11). */
export const PREVIOUS_SECRET_MS = 24 * 3_600_000;

export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Webhook endpoints (SPEC §11): each party manages its own; an admin all. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveryRows: WebhookDeliveriesRepository,
    private readonly clock: Clock,
    private readonly worker: DeliveryWorker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, body: CreateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    await this.checkUrl(body.url);
    const endpoint = await this.endpoints.insert({
      id: randomUUID(),
      ownerRole: principal.role,
      ownerId: principal.role === 'admin' ? null : principal.subjectId,
      url: body.url,
      events: body.events,
      description: body.description ?? null,
      status: 'enabled',
      disabledReason: null,
      secret: newSecret(),
      previousSecret: null,
      previousSecretUntil: null,
      failingSince: null,
      createdAt: this.clock.now(),
    });
    return { ...toEndpointDto(endpoint), secret: endpoint.secret };
  }

  list(principal: Principal, limit: number, cursor: string | undefined): Promise<Page<WebhookEndpointDto>> {
    return this.endpoints.page(accessScope(principal, 'webhookEndpoint'), cursor, limit, toEndpointDto);
  }

  async get(principal: Principal, id: string): Promise<WebhookEndpointDto> {
    return toEndpointDto(await this.own(principal, id));
  }

  async update(principal: Principal, id: string, body: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    if (body.url !== undefined) await this.checkUrl(body.url);
    return this.tx.run(async () => {
      const endpoint = await this.own(principal, id, true);
      const set: Partial<WebhookEndpointEntity> = {};
      if (body.url !== undefined) set.url = body.url;
      if (body.events !== undefined) set.events = body.events;
      if (body.description !== undefined) set.description = body.description;
      if (body.status === 'enabled' && endpoint.status !== 'enabled')
        Object.assign(set, { status: 'enabled', disabledReason: null, failingSince: null });
      if (body.status === 'disabled' && endpoint.status !== 'disabled') {
        Object.assign(set, {
          status: 'disabled',
          disabledReason: `disabled by ${principal.role === endpoint.ownerRole ? 'its owner' : 'an admin'} at ${this.clock.now().toISOString()}`,
        });
      }
      if (Object.keys(set).length > 0) await this.endpoints.update(id, set);
      this.tx.afterCommit(() => this.worker.wake());
      return toEndpointDto({ ...endpoint, ...set });
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.tx.run(async () => {
      await this.own(principal, id, true);
      await this.endpoints.delete(id);
    });
  }

  /** A new secret; the old one keeps signing, as a second signature, for 24 h. */
  async rotate(principal: Principal, id: string): Promise<WebhookEndpointDto> {
    return this.tx.run(async () => {
      const endpoint = await this.own(principal, id, true);
      const set = {
        secret: newSecret(),
        previousSecret: endpoint.secret,
        previousSecretUntil: new Date(this.clock.now().getTime() + PREVIOUS_SECRET_MS),
      };
      await this.endpoints.update(id, set);
      return { ...toEndpointDto(endpoint), secret: set.secret };
    });
  }

  async deliveries(principal: Principal, id: string, limit: number, cursor: string | undefined): Promise<Page<WebhookDeliveryDto>> {
    await this.own(principal, id);
    const rows = await this.deliveryRows.deliveries(id, decodeCursor(cursor), limit);
    return toPage(rows, limit, (r) => ({ key: r.created_at.toISOString(), id: r.id }), toDeliveryDto);
  }

  /** Sends the event to the endpoint again now (its pending attempt, or a new one after the last). */
  async retry(principal: Principal, id: string, eventId: string): Promise<WebhookDeliveryDto> {
    const row = await this.tx.run(async () => {
      const endpoint = await this.own(principal, id, true);
      if (endpoint.status !== 'enabled')
        throw new ConflictError('webhook_endpoint_disabled', 'The endpoint is disabled: enable it before retrying.');
      const pending = await this.deliveryRows.retryNow(id, eventId, this.clock.now());
      if (!pending) throw new NotFoundError('Delivery of this event');
      this.tx.afterCommit(() => this.worker.wake());
      return pending;
    });
    return toDeliveryDto(row);
  }

  private async own(principal: Principal, id: string, forUpdate = false): Promise<WebhookEndpointEntity> {
    const endpoint = await this.endpoints.find(id, forUpdate);
    requireAccess(principal, 'webhookEndpoint', endpoint, ownersOf);
    return endpoint;
  }

  private async checkUrl(url: string): Promise<void> {
    const refusal = await urlRefusal(url, this.config.webhookAllowPrivateUrls);
    if (refusal)
      throw new InvalidInputError(`The URL is not allowed: ${refusal}.`, [{ field: 'url', message: refusal }], 'webhook_url_not_allowed');
  }
}

/** An endpoint's owner for the access policy; an admin's endpoint has none (only admins reach it). */
function ownersOf(e: WebhookEndpointEntity): Owners {
  return { buyer: e.ownerRole === 'buyer' ? e.ownerId : null, provider: e.ownerRole === 'provider' ? e.ownerId : null };
}

export function toEndpointDto(e: WebhookEndpointEntity): WebhookEndpointDto {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    description: e.description,
    status: e.status,
    createdAt: e.createdAt,
    disabledReason: e.disabledReason,
  };
}

function toDeliveryDto(r: DeliveryRow): WebhookDeliveryDto {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    attempt: r.attempt,
    status: r.status,
    responseStatus: r.response_status,
    durationMs: r.duration_ms,
    error: r.error,
    createdAt: r.created_at,
    attemptedAt: r.attempted_at,
    nextAttemptAt: r.next_attempt_at,
  };
}
