import { ParseUUIDPipe, type INestApplication, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth/decorators';
import { IDEMPOTENT_KEY } from '../common/idempotency/idempotency.interceptor';
import type { ErrorCode } from '../common/errors/error-codes';
import { API_ERRORS_KEY } from '../common/openapi/api-errors.decorator';
import { REGISTRATION_LIMITED } from '../common/throttling/throttling';

/** What the guards, pipes and interceptors will do on one route, read from the metadata they read. */
export interface RouteFacts {
  public: boolean;
  roles: boolean;
  idempotent: boolean;
  throttled: boolean;
  /** Body, query DTO or a validating path pipe: the request can fail validation. */
  validatesInput: boolean;
  /** Path parameters checked by ParseUUIDPipe. */
  uuidParams: string[];
  /** Codes the route declares with @ApiErrors (its domain errors). */
  declaredCodes: ErrorCode[];
  /** The DTO classes of the body and the query, as the validation pipe sees them. */
  bodyType?: Function;
  queryType?: Function;
}

const THROTTLER_SKIP_DEFAULT = 'THROTTLER:SKIP' + 'default';

export const operationIdOf = (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/** Facts for every controller method, keyed by the operationId the document gives it. */
export function collectRouteFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method === 'constructor') continue;
        facts.set(operationIdOf(controller.name, method), factsOf(controller, method));
      }
    }
  }
  return facts;
}

function factsOf(controller: Type, method: string): RouteFacts {
  const handler = controller.prototype[method] as object;
  const meta = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
  const args = Object.entries<RouteArg>(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {});
  const ofType = (type: RouteParamtypes) => args.filter(([key]) => key.split(':')[0] === String(type)).map(([, arg]) => arg);
  const params = ofType(RouteParamtypes.PARAM);
  const uuidParams = params
    .filter((arg) => arg.pipes?.some((pipe) => pipe instanceof ParseUUIDPipe || pipe === ParseUUIDPipe))
    .map((arg) => String(arg.data));
  const registration = meta<boolean>(REGISTRATION_LIMITED) === true;
  const paramTypes: Function[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
  const typeOf = (arg: RouteArg | undefined) => (arg ? paramTypes[arg.index] : undefined);
  return {
    public: meta<boolean>(PUBLIC_KEY) === true,
    roles: (meta<string[]>(ROLES_KEY)?.length ?? 0) > 0,
    idempotent: meta<boolean>(IDEMPOTENT_KEY) === true,
    throttled: registration || meta<boolean>(THROTTLER_SKIP_DEFAULT) !== true,
    validatesInput:
      ofType(RouteParamtypes.BODY).length > 0 ||
      ofType(RouteParamtypes.QUERY).length > 0 ||
      params.some((arg) => (arg.pipes?.length ?? 0) > 0),
    uuidParams,
    declaredCodes: meta<ErrorCode[]>(API_ERRORS_KEY) ?? [],
    bodyType: typeOf(ofType(RouteParamtypes.BODY)[0]),
    queryType: typeOf(ofType(RouteParamtypes.QUERY)[0]),
  };
}
