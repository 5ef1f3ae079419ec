// Who is calling the console API, and whether they may. Reads need a session; writes also need
// to come from the console itself: SameSite=Strict keeps the cookie off other sites' requests,
// and every state-changing request must carry `X-FirstCall: 1` (which a cross-site form cannot
// send and a cross-site fetch cannot send without a CORS preflight we never answer) and, when
// the browser names one, an Origin equal to ours.
import { createMiddleware } from 'hono/factory';
import type { ConsoleMember, MemberRole } from '../../shared/schemas';
import type { Env } from '../env';
import { ApiError } from '../http/errors';
import { siteStub } from '../http/site-stub';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';

export interface ConsoleVars {
  site: string;
  member: ConsoleMember;
  secret: string;
  idHash: string;
}
export type ConsoleCtx = { Bindings: Env; Variables: ConsoleVars };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** This worker's own origins: the one the request came to, and the configured public one. */
export function isOwnOrigin(env: Env, requestUrl: string, origin: string): boolean {
  return origin === new URL(requestUrl).origin || origin === env.PUBLIC_ORIGIN;
}

export const sameOriginWrites = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  c.header('Cache-Control', 'no-store');
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    if (
      c.req.header('x-firstcall') !== '1' ||
      (origin !== undefined && !isOwnOrigin(c.env, c.req.url, origin)) ||
      (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
    )
      throw new ApiError(403, 'origin_not_allowed', 'Console requests must come from the console');
  }
  await next();
});

export const signedIn = createMiddleware<ConsoleCtx>(async (c, next) => {
  const cookie = readSessionCookie(c);
  if (!cookie) throw new ApiError(401, 'unauthorized', 'Sign in with your invite link');
  const auth = await siteStub(c.env, cookie.site).consoleAuth(cookie.secret, Date.now());
  if (!auth) {
    clearSessionCookie(c);
    throw new ApiError(401, 'unauthorized', 'Your session has ended; ask for a new invite link');
  }
  const secret = auth.rotated ?? cookie.secret;
  if (auth.rotated) writeSessionCookie(c, cookie.site, auth.rotated);
  c.set('site', cookie.site);
  c.set('member', auth.member);
  c.set('secret', secret);
  c.set('idHash', auth.idHash);
  await next();
});

export const requireRole = (...roles: MemberRole[]) =>
  createMiddleware<ConsoleCtx>(async (c, next) => {
    if (!roles.includes(c.get('member').role))
      throw new ApiError(403, 'unauthorized', 'Owners and managers only');
    await next();
  });
