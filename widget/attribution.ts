// Where the homeowner came from, sent with every lead and call click so the contractor can see
// which ad or page produced the job. One module for the loader and the form, so both report the
// same shape (shared/schemas.ts `attributionSchema`).
import type { LeadInput } from '../shared/schemas';

export type Attribution = NonNullable<LeadInput['page']>;

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
const CLICK_IDS = ['gclid', 'msclkid', 'fbclid'] as const;

export function pageAttribution(
  loc: Location = location,
  referrer = document.referrer,
): Attribution {
  const params = new URL(loc.href).searchParams;
  const page: Attribution = { url: loc.href, referrer };
  const utm: Record<string, string> = {};
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`);
    if (value) utm[key] = value;
  }
  // Only keys that were present, so an empty object never suggests "tracked, but blank".
  if (Object.keys(utm).length > 0) page.utm = utm;
  for (const key of CLICK_IDS) {
    const value = params.get(key);
    if (value) page[key] = value;
  }
  return page;
}
