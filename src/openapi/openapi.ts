import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '../common/openapi/problem.dto';
import { httpLayerCodes } from './operation-errors';
import { refineDocument } from './refine-document';
import { collectRouteFacts, operationIdOf } from './route-facts';

const description = (httpLayer: string[]) =>
  `
The Buyer Logistics Market API of a B2B cross-border marketplace: buyer tiers L0–L4 from verified
business scale, a market of qualified logistics providers, semi-managed quotes with a fixed price
and an on-time guarantee, orders, claims and provider violation points.

**Conventions.** JSON; money in integer minor units (US cents) with \`currency\`; countries ISO
3166-1 alpha-2; dates \`YYYY-MM-DD\` (UTC), instants ISO 8601 UTC. Lists are cursor-paginated
(\`limit\` 1–200, default 50; pass \`nextCursor\` back as \`cursor\`).

**Errors** are \`application/problem+json\` with a stable \`code\`; each operation lists the codes
it can return (also in \`x-error-codes\`); the \`code\` property of \`ProblemDto\` lists them all. A
request that reaches no operation answers ${httpLayer.map((code) => `\`${code}\``).join(', ')}.
Every response carries \`X-Request-Id\`.

**Idempotency.** POSTs that create money-bearing records (orders, claims) require an
\`Idempotency-Key\` header (1–255 characters, kept 48 h, scoped to your API key): the same key and
body replay the first response; another body with the same key is 422 \`idempotency_key_reused\`.
`.trim();

/** The top-level tags, in the order Swagger UI shows them. */
const TAGS: [string, string][] = [
  ['Buyers', 'Buyer accounts and the evidence that sets their tier (SPEC §3).'],
  ['Tiers', 'The tier policy: conditions and benefits of L0–L4 (SPEC §3.2, §3.4).'],
  ['Providers', 'Logistics providers: application, qualification and scorecard (SPEC §4).'],
  ['Provider documents', 'Qualification documents and their review (SPEC §4.2).'],
  ['Lanes', 'A provider’s lanes and rate cards (SPEC §4.4).'],
  ['Market', 'The buyer logistics market of qualified providers (SPEC §4.5).'],
  ['Quotes', 'Fixed-price quotes with an on-time guarantee (SPEC §5).'],
  ['Orders', 'Booking, tracking, cancellation and pickup remedies (SPEC §6).'],
  ['Claims and credits', 'Late-delivery, damage and loss claims and the credits they issue (SPEC §6.3, §6.4, §6.6).'],
  ['Events and webhooks', 'The event feed and Standard Webhooks endpoints: partners are told of every change (SPEC §11).'],
  ['Compliance', 'Provider violation points (SPEC §7).'],
  ['API keys', 'Issuing, revoking and checking API keys (SPEC §2).'],
  ['Admin', 'Operator tools: sweeps run on demand.'],
  ['Operations', 'Liveness and readiness (SPEC §8).'],
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Buyer Logistics Market API')
    .setDescription(description(httpLayerCodes()))
    .setVersion('1.0.0')
    // Not addBearerAuth: it declares `bearerFormat: JWT`, and keys are opaque strings.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key: `Authorization: Bearer blm_…` (opaque, shown once).',
    })
    .addServer('/', 'The server that serves this document');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDto, FieldErrorDto],
    operationIdFactory: operationIdOf,
  });
  return refineDocument(document, collectRouteFacts(app));
}

/** Swagger UI at /docs and the document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
