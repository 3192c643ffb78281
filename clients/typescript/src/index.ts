/**
 * A typed client for the Buyer Logistics Market API: openapi-fetch over the types openapi-typescript
 * generates from openapi.json (`npm run sdk` in the repository root regenerates src/schema.ts).
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';

/** The API's schemas by name, e.g. `Schemas['OrderDto']`. */
export type Schemas = components['schemas'];

/** The body of every error answer (RFC 9457 problem details); switch on `code`. */
export type Problem = Schemas['ProblemDto'];

/** Every stable error code the API answers with. */
export type ErrorCode = Problem['code'];

export type BlmClient = Client<paths>;

export interface BlmClientOptions extends ClientOptions {
  /** The API key, sent as `Authorization: Bearer <key>`; omit for the open routes. */
  apiKey?: string;
}

export function createBlmClient({ apiKey, ...options }: BlmClientOptions = {}): BlmClient {
  const client = createClient<paths>(options);
  if (apiKey !== undefined) {
    client.use({
      onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${apiKey}`);
        return request;
      },
    });
  }
  return client;
}
