// Per-visitor and per-site limits on the public routes, on Cloudflare's Rate Limiting bindings.
import { createMiddleware } from 'hono/factory';
import { type Env, isDevMode } from '../env';
import { ApiError } from './errors';

/** The visitor an IP stands for: IPv6 hands a whole /64 to one subscriber. */
export function visitorKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  return ip.split(':').slice(0, 4).join(':');
}

const tooMany = (what: string) =>
  new ApiError(
    429,
    'rate_limited',
    `Too many requests from ${what}; try again in a minute`,
    undefined,
    { 'Retry-After': '60' },
  );

export const rateLimited = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  // Load tests and benchmarks on one machine turn this off; only development mode honours it.
  if (isDevMode(c.env) && c.env.RATE_LIMITS_OFF === '1') return next();
  const site = c.req.param('site') ?? '';
  // Only Cloudflare's edge sets CF-Connecting-IP; without it there is no visitor to count.
  const ip = c.req.header('cf-connecting-ip');
  if (
    ip &&
    c.env.IP_LIMIT &&
    !(await c.env.IP_LIMIT.limit({ key: `${site}|${visitorKey(ip)}` })).success
  )
    throw tooMany('this device');
  if (c.env.SITE_LIMIT && !(await c.env.SITE_LIMIT.limit({ key: site })).success)
    throw tooMany('this site');
  await next();
});
