import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '../common/openapi/problem.dto';

const DESCRIPTION = `
The Buyer Logistics Market API of a B2B cross-border marketplace: buyer tiers L0–L4 from verified
business scale, a market of qualified logistics providers, semi-managed quotes with a fixed price
and an on-time guarantee, orders, claims and provider violation points.

**Conventions.** JSON; money in integer minor units (US cents) with \`currency\`; countries ISO
3166-1 alpha-2; dates \`YYYY-MM-DD\` (UTC), instants ISO 8601 UTC. Lists are cursor-paginated
(\`limit\` 1–200, default 50; pass \`nextCursor\` back as \`cursor\`).

**Errors** are \`application/problem+json\` with a stable \`code\`; each operation lists the codes
it can return (also in \`x-error-codes\`). Every response carries \`X-Request-Id\`.

**Idempotency.** POSTs that create money-bearing records (orders, claims) require an
\`Idempotency-Key\` header (1–255 characters, kept 48 h, scoped to your API key): the same key and
body replay the first response; another body with the same key is 422 \`idempotency_key_reused\`.
`.trim();

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Buyer Logistics Market API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer blm_…`' })
    .addServer('/', 'The server that serves this document')
    .build();
  return SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Swagger UI at /docs and the document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
