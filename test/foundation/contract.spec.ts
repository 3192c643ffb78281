import type { Response } from 'supertest';
import { Contract } from '../support/contract';

/** A two-operation document: what the contract check holds responses to. */
const DOCUMENT = {
  paths: {
    '/v1/things/{id}': {
      get: {
        operationId: 'Things_get',
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } },
        },
      },
      delete: { operationId: 'Things_delete', responses: { '204': {} } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'amountMinor', 'parent'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          amountMinor: { type: 'integer' },
          parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/Ref' }] },
        },
      },
      Ref: { type: 'object', properties: { id: { type: 'string' } } },
      ProblemDto: {
        type: 'object',
        required: ['status', 'code'],
        properties: { status: { type: 'integer' }, code: { type: 'string', enum: ['not_found'] } },
      },
    },
  },
};

const ID = '0b6f1d2e-7c1a-4f5e-9a0b-3c2d1e0f9a8b';
const response = (
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
  headers: Record<string, string> = {},
): Response =>
  ({
    status,
    text: body === undefined ? '' : JSON.stringify(body),
    headers: { 'x-request-id': 'r1', 'content-type': contentType, ...headers },
  }) as unknown as Response;

describe('the contract check every HTTP test response goes through', () => {
  const contract = new Contract(DOCUMENT);
  const thing = { id: ID, amountMinor: 1250, parent: null };

  it('passes a documented status whose body matches its schema, and counts it', () => {
    contract.check('get', `/v1/things/${ID}?x=1`, response(200, thing));
    contract.check('get', `/v1/things/${ID}`, response(200, { ...thing, parent: { id: 'p' } }));
    contract.check('delete', `/v1/things/${ID}`, response(204, undefined, ''));
    contract.check('get', '/v1/nowhere', response(404, { status: 404, code: 'route_not_found' }, 'application/problem+json'));
    expect(contract.validated).toBe(3);
  });

  it.each([
    [
      'an undocumented status',
      'get',
      response(409, { status: 409, code: 'conflict' }, 'application/problem+json'),
      /status 409 is not documented for Things_get/,
    ],
    ['a field of the wrong type', 'get', response(200, { ...thing, amountMinor: 12.5 }), /amountMinor must be integer/],
    ['a missing field', 'get', response(200, { id: ID, amountMinor: 1 }), /must have required property 'parent'/],
    ['a non-UUID id', 'get', response(200, { ...thing, id: '42' }), /must match format "uuid"/],
    ['an undocumented content type', 'get', response(200, thing, 'text/plain'), /content type "text\/plain" is not documented/],
    [
      'a code the operation does not list',
      'get',
      response(404, { status: 404, code: 'gone' }, 'application/problem+json'),
      /code must be equal to one of the allowed values/,
    ],
    ['a body where none is documented', 'delete', response(204, thing), /a body where Things_delete documents none/],
    [
      'an undocumented replay header',
      'delete',
      response(204, undefined, '', { 'idempotent-replayed': 'true' }),
      /Idempotent-Replayed is not documented/,
    ],
    [
      'no X-Request-Id',
      'get',
      { ...response(200, thing), headers: { 'content-type': 'application/json' } } as unknown as Response,
      /no X-Request-Id/,
    ],
  ])('fails on %s', (_, method, res, message) => {
    expect(() => contract.check(method, `/v1/things/${ID}`, res)).toThrow(message);
  });

  it('fails on a success from a method the path does not document', () => {
    expect(() => contract.check('patch', `/v1/things/${ID}`, response(200, thing))).toThrow(/patch is not documented for this path/);
  });
});
