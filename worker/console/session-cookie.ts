// The console's session cookie: `__Host-fc_session=<site>.<secret>; HttpOnly; Secure;
// SameSite=Strict; Path=/`. The __Host- prefix pins it to this exact origin (no Domain, Path=/,
// Secure). Browsers refuse Secure cookies from plain http:// pages other than localhost, so in
// development mode over http (wrangler dev on 127.0.0.1) the cookie is `fc_session` without
// Secure; nowhere else is that name read.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SITE_ID } from '../../shared/schemas';
import { type Env, isDevMode } from '../env';

const HOST_NAME = '__Host-fc_session';
const DEV_HTTP_NAME = 'fc_session';
/** The session slides for 30 days of idleness; the cookie is renewed on every rotation. */
const MAX_AGE_SECONDS = 30 * 24 * 3600;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export interface SessionCookie {
  site: string;
  secret: string;
}

// Generic over the route's variables, so every route of this worker can read or set the cookie.
type Ctx<E extends { Bindings: Env }> = Context<E>;

const plainHttpDev = <E extends { Bindings: Env }>(c: Ctx<E>): boolean =>
  isDevMode(c.env) && new URL(c.req.url).protocol === 'http:';

const cookieName = <E extends { Bindings: Env }>(c: Ctx<E>): string =>
  plainHttpDev(c) ? DEV_HTTP_NAME : HOST_NAME;

export function readSessionCookie<E extends { Bindings: Env }>(c: Ctx<E>): SessionCookie | null {
  const value = getCookie(c, cookieName(c));
  if (!value) return null;
  const dot = value.indexOf('.');
  const site = value.slice(0, dot);
  const secret = value.slice(dot + 1);
  if (dot < 1 || !SITE_ID.test(site) || !SECRET.test(secret)) return null;
  return { site, secret };
}

export function writeSessionCookie<E extends { Bindings: Env }>(
  c: Ctx<E>,
  site: string,
  secret: string,
): void {
  const secure = !plainHttpDev(c);
  setCookie(c, cookieName(c), `${site}.${secret}`, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    maxAge: MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie<E extends { Bindings: Env }>(c: Ctx<E>): void {
  const secure = !plainHttpDev(c);
  deleteCookie(c, cookieName(c), { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
}
