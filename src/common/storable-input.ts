/**
 * What PostgreSQL cannot store is refused before anything else sees the input (SPEC §1): text
 * columns and jsonb refuse U+0000, and a lone UTF-16 surrogate has no UTF-8 form. Deep nesting is
 * refused too, before any transformation recurses into it. Pure; one pass over the parsed value.
 */
import type { FieldError } from './errors/domain-error';

/** The deepest nesting of objects and arrays a JSON body may have. */
export const MAX_JSON_DEPTH = 32;
/** At most this many field errors are reported; a hostile body could otherwise name thousands. */
const MAX_ERRORS = 20;

export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (an unpaired surrogate cannot be stored)';
  return null;
}

export interface InputCheck {
  /** True when objects or arrays nest deeper than `maxDepth`. */
  tooDeep: boolean;
  errors: FieldError[];
}

/**
 * Checks every string (values and keys) of a parsed value, naming each bad one by its path
 * (`consignee.address.line1`, `pieces[0].weightKg`). Recursion stops at `maxDepth`, so the stack
 * stays shallow whatever the input.
 */
export function checkStorableInput(value: unknown, maxDepth = MAX_JSON_DEPTH, root = ''): InputCheck {
  const result: InputCheck = { tooDeep: false, errors: [] };
  const visit = (v: unknown, path: string, depth: number): void => {
    if (result.tooDeep || result.errors.length >= MAX_ERRORS) return;
    if (typeof v === 'string') {
      const message = unstorableText(v);
      if (message) result.errors.push({ field: path || 'body', message });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (depth >= maxDepth) {
      result.tooDeep = true;
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], `${path}[${i}]`, depth + 1);
      return;
    }
    for (const key of Object.keys(v)) {
      const field = path === '' ? key : `${path}.${key}`;
      const message = unstorableText(key);
      if (message) result.errors.push({ field: JSON.stringify(field), message: `field name ${message}` });
      else visit((v as Record<string, unknown>)[key], field, depth + 1);
    }
  };
  visit(value, root, 0);
  return result;
}
