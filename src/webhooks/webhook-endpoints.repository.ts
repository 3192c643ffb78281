import { Injectable } from '@nestjs/common';
import { pageByCreatedAt } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/pagination';
import { TransactionContext } from '../database/transaction-context';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** How a claimed attempt is signed and where it goes. */
export interface EndpointSigning {
  url: string;
  secret: string;
  previousSecret: string | null;
}

/** The webhook endpoints aggregate (SPEC §11): the `webhook_endpoints` table, through its entity. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insert(endpoint: WebhookEndpointEntity): Promise<WebhookEndpointEntity> {
    await this.tx.manager.insert(WebhookEndpointEntity, endpoint);
    return endpoint;
  }

  find(id: string, forUpdate = false): Promise<WebhookEndpointEntity | null> {
    return this.tx.manager.findOne(WebhookEndpointEntity, {
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The endpoints of `scope` (an `accessScope`: `{}` for all), oldest first. */
  page<T>(
    scope: { buyer?: string; provider?: string },
    cursor: string | undefined,
    limit: number,
    map: (e: WebhookEndpointEntity) => T,
  ): Promise<Page<T>> {
    const qb = this.tx.manager.getRepository(WebhookEndpointEntity).createQueryBuilder('w');
    if (scope.buyer) qb.where(`w.owner_role = 'buyer' AND w.owner_id = :id`, { id: scope.buyer });
    else if (scope.provider) qb.where(`w.owner_role = 'provider' AND w.owner_id = :id`, { id: scope.provider });
    return pageByCreatedAt(qb, 'w', cursor, limit, map);
  }

  async update(id: string, set: Partial<WebhookEndpointEntity>): Promise<void> {
    await this.tx.manager.update(WebhookEndpointEntity, { id }, set);
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(WebhookEndpointEntity, { id });
  }

  /** The delivery worker's read: each endpoint's URL and secrets (the previous one while it still signs). */
  async signingOf(ids: string[], now: Date): Promise<Map<string, EndpointSigning>> {
    const rows = (await this.tx.manager.query(
      `SELECT id, url, secret, CASE WHEN previous_secret_until > $2 THEN previous_secret END AS previous_secret FROM webhook_endpoints WHERE id = ANY($1::uuid[])`,
      [ids, now],
    )) as { id: string; url: string; secret: string; previous_secret: string | null }[];
    return new Map(rows.map((r) => [r.id, { url: r.url, secret: r.secret, previousSecret: r.previous_secret }]));
  }
}
