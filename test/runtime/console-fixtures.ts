// Helpers for the console's runtime tests: invite links from the admin API, signing in with
// them, and calling the console API as a signed-in member from the console's own origin.
import { ADMIN, call } from './fixtures';

export const ORIGIN = 'https://leads.test';

export async function adminInvite(
  site: string,
  memberId: string,
  send?: 'sms' | 'email' | 'none',
): Promise<{ url: string; token: string; expiresAt: string }> {
  const res = await call(`/v1/admin/sites/${site}/invites`, {
    method: 'POST',
    headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ memberId, send }),
  });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { url: string; expiresAt: string };
  return { ...body, token: body.url.split('#')[1] ?? '' };
}

export function redeem(token: string, headers: Record<string, string> = {}): Promise<Response> {
  return call('/v1/console/session', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-FirstCall': '1',
      Origin: ORIGIN,
      ...headers,
    },
    body: JSON.stringify({ token }),
  });
}

/** The `name=value` part of a Set-Cookie header, ready for a Cookie header. */
export function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const pair = set.split(';')[0] ?? '';
  if (!pair.includes('=')) throw new Error(`no cookie set: ${set}`);
  return pair;
}

export async function signIn(site: string, memberId: string): Promise<string> {
  const res = await redeem((await adminInvite(site, memberId)).token);
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return cookieOf(res);
}

/** A console API call from the console itself (the header and Origin every write needs). */
export function api(cookie: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Cookie: cookie,
    'X-FirstCall': '1',
    Origin: ORIGIN,
    ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    ...(init.headers as Record<string, string> | undefined),
  };
  return call(`/v1/console${path}`, { ...init, headers });
}

export async function json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`);
  return JSON.parse(text) as T;
}

export const post = (cookie: string, path: string, body: unknown) =>
  api(cookie, path, { method: 'POST', body: JSON.stringify(body) });
