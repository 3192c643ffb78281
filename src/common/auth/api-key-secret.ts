import { createHash, randomBytes } from 'node:crypto';

/** `blm_` + 40 url-safe characters (240 bits). */
export function generateSecret(): string {
  return `blm_${randomBytes(30).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The visible part of a key, kept to tell keys apart in lists and logs. */
export function secretPrefix(secret: string): string {
  return secret.slice(0, 12);
}
