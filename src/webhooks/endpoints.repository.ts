import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { pageByCreatedAt } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/pagination';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** Webhook endpoints' SQL (through their entity). */
export const endpointsRepository = {
  async insert(m: EntityManager, endpoint: WebhookEndpointEntity): Promise<WebhookEndpointEntity> {
    await m.insert(WebhookEndpointEntity, endpoint);
    return endpoint;
  },

  find(m: EntityManager, id: string, forUpdate = false): Promise<WebhookEndpointEntity | null> {
    return m.findOne(WebhookEndpointEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  },

  /** The caller's endpoints (admin: all), oldest first. */
  page<T>(m: EntityManager, owner: Principal | null, cursor: string | undefined, limit: number, map: (e: WebhookEndpointEntity) => T): Promise<Page<T>> {
    const qb = m.getRepository(WebhookEndpointEntity).createQueryBuilder('w');
    if (owner) qb.where('w.owner_role = :role AND w.owner_id = :id', { role: owner.role, id: owner.subjectId });
    return pageByCreatedAt(qb, 'w', cursor, limit, map);
  },

  async update(m: EntityManager, id: string, set: Partial<WebhookEndpointEntity>): Promise<void> {
    await m.update(WebhookEndpointEntity, { id }, set);
  },

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.delete(WebhookEndpointEntity, { id });
  },
};
