import type { FieldError } from './domain-error';
import type { ErrorCode } from './error-codes';

/** RFC 9457 problem details, as every error response of the API is shaped (SPEC §1). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId: string;
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const PROBLEM_TYPE_BASE = 'https://docs.blm.example/problems/';

export function problem(status: number, code: ErrorCode, requestId: string, detail?: string, errors?: FieldError[]): Problem {
  const body: Problem = { type: PROBLEM_TYPE_BASE + code, title: TITLES[status] ?? 'Error', status, code, requestId };
  if (detail !== undefined) body.detail = detail;
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}
