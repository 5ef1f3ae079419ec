// crypto.randomUUID only exists in secure contexts, and plenty of small contractor sites are
// still served over plain http; getRandomValues works everywhere, so it backs the fallback.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
