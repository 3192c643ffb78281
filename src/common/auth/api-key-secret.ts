import { createHash, randomBytes } from 'node:crypto';

/** `blm_` + 40 url-safe characters (240 bits). */
export function generateSecret(): string {
  return `blm_${randomBytes(30).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The longest visible part of a key; at most a quarter of the secret is ever shown. */
export const MAX_PREFIX_LENGTH = 8;

/**
 * The visible part of a key, kept to tell keys apart in lists: at most 8 characters and never more
 * than a quarter of the secret, so it cannot shorten a guess of even a 24-character ADMIN_API_KEY
 * by more than 6 of its characters.
 */
export function secretPrefix(secret: string): string {
  return secret.slice(0, Math.min(MAX_PREFIX_LENGTH, Math.floor(secret.length / 4)));
}
