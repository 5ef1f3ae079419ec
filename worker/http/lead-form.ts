// The no-JavaScript path: a contractor's plain HTML <form> posts form-encoded fields to the same
// leads endpoint and is redirected to their own thank-you page.

import { type LeadInput, leadInputSchema } from '../../shared/schemas';
import { fieldsFromZod } from './errors';
import { originAllowed } from './origins';

const TRUE = new Set(['on', 'true', '1', 'yes']);

export const isFormPost = (contentType: string | undefined): boolean =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType ?? '');

export type FormLead =
  | { ok: true; input: LeadInput; redirect: string | null }
  | { ok: false; fields: Record<string, string>; redirect: string | null };

/** Reads the form into the same lead the JSON API takes; `redirect` only to an allowed origin. */
export function leadFromForm(
  form: FormData,
  referer: string | null,
  allowedOrigins: string[],
): FormLead {
  const text = (name: string): string | undefined => {
    const v = form.get(name);
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  };
  const redirectRaw = text('redirect');
  let redirect: string | null = null;
  if (redirectRaw) {
    try {
      const url = new URL(redirectRaw);
      if (originAllowed(url.origin, allowedOrigins)) redirect = url.toString();
    } catch {
      // Not a URL: fall back to the hosted thank-you page.
    }
  }
  const raw = {
    name: text('name') ?? '',
    phone: text('phone') ?? '',
    email: text('email'),
    service: text('service'),
    zip: text('zip'),
    message: text('message'),
    urgent: TRUE.has((text('urgent') ?? '').toLowerCase()),
    preferredContact: text('preferredContact'),
    smsConsent: TRUE.has((text('smsConsent') ?? '').toLowerCase()),
    website: typeof form.get('website') === 'string' ? (form.get('website') as string) : undefined,
    // The name Turnstile's own form widget gives its token.
    turnstileToken: text('cf-turnstile-response'),
    page: referer ? { url: referer } : undefined,
  };
  const parsed = leadInputSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, input: parsed.data, redirect }
    : { ok: false, fields: fieldsFromZod(parsed.error), redirect };
}

/** The redirect target with one query parameter added. */
export function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}
