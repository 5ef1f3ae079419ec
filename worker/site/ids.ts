import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 16 characters from a 32-letter alphabet: 80 random bits, unambiguous when read aloud. */
export function newLeadId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = 'ld_';
  for (const b of bytes) id += ALPHABET[b & 31];
  return id;
}

/** Stable hash of a validated body, so a reused Idempotency-Key with another body is caught. */
export function bodyHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hex SHA-256 of a text, e.g. the consent disclosure a homeowner saw. */
export const textHash = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');
