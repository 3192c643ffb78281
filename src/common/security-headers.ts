import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's response headers, computed once. Helmet builds them for every request (and
 * @fastify/helmet rebuilds its middleware per request, parsing the CSP directives each time: 1–2 % of
 * a quote's CPU); with no per-request nonce they never change, so they are taken once from helmet's
 * own middleware and set as they are.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let failure: unknown = null;
  helmet(options)({} as never, response as never, (error?: unknown) => (failure = error ?? null));
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}

/** The API's policy: Swagger UI at /docs loads its own scripts and inline styles. */
export const SECURITY_HEADERS = securityHeaders({
  contentSecurityPolicy: {
    // No upgrade-insecure-requests: on a plain-HTTP deployment it would send the UI's assets to https.
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
});
