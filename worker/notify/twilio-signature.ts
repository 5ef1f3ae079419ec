// Twilio signs every webhook: HMAC-SHA1, keyed with the auth token, over the full URL followed
// by each POST parameter's name and value, names sorted; a repeated name contributes each of
// its distinct values, sorted. The signature arrives in X-Twilio-Signature, base64.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type FormParams = Record<string, string | string[]>;

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value ?? ''];
    for (const v of values) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Twilio may sign the URL with or without the default port, depending on how the webhook was
 * configured, so both spellings are accepted.
 */
export function validTwilioSignature(
  authToken: string,
  url: string,
  params: FormParams,
  signature: string | undefined,
): boolean {
  if (!signature || !authToken) return false;
  const given = Buffer.from(signature, 'utf8');
  return urlVariants(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params), 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlVariants(raw: string): string[] {
  const url = new URL(raw);
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  if (url.port && url.port !== defaultPort) return [raw];
  const rest = `${url.pathname}${url.search}`;
  return [
    raw,
    `${url.protocol}//${url.hostname}:${defaultPort}${rest}`,
    `${url.protocol}//${url.hostname}${rest}`,
  ];
}

/** Reads a form-encoded body keeping repeated names, as Twilio sends them. */
export function parseForm(body: string): FormParams {
  const params: FormParams = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = params[name];
    if (seen === undefined) params[name] = value;
    else params[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
}

/** One value of a form field, the first when repeated. */
export const field = (params: FormParams, name: string): string | undefined => {
  const v = params[name];
  return Array.isArray(v) ? v[0] : v;
};
