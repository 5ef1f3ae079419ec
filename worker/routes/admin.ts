// The admin API: create, replace and read a site's config, and read a lead with its timeline.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import {
  homeownerQuerySchema,
  pushSubscriptionSchema,
  type SiteConfig,
  siteConfigSchema,
} from '../../shared/schemas';
import { type Env, isDevMode } from '../env';
import { readJson } from '../http/body';
import { ApiError, invalid } from '../http/errors';
import { siteStub } from '../http/site-stub';
import { toE164 } from '../phone';

export const DEV_ADMIN_TOKEN = 'dev-admin-token';
export const adminRoutes = new Hono<{ Bindings: Env }>();

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

adminRoutes.use('*', async (c, next) => {
  const expected = c.env.ADMIN_TOKEN || (isDevMode(c.env) ? DEV_ADMIN_TOKEN : undefined);
  if (!expected)
    throw new ApiError(401, 'unauthorized', 'The admin API is disabled: ADMIN_TOKEN is not set');
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  // Compare digests so the comparison takes the same time whatever the lengths.
  if (!timingSafeEqual(digest(given), digest(expected))) {
    throw new ApiError(401, 'unauthorized', 'Missing or wrong admin token', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  await next();
});

/** Phone numbers are stored in E.164 so that every channel and every comparison agrees. */
function normalisePhones(config: SiteConfig): SiteConfig {
  const fields: Record<string, string> = {};
  const phone = toE164(config.phone, config.country);
  if (!phone) fields.phone = 'Not a valid phone number';
  const team = config.team.map((m, i) => {
    const e164 = toE164(m.phone, config.country);
    if (!e164) fields[`team.${i}.phone`] = 'Not a valid phone number';
    return { ...m, phone: e164 ?? m.phone };
  });
  if (Object.keys(fields).length)
    throw new ApiError(400, 'invalid_request', 'Some fields are not valid', fields);
  return { ...config, phone: phone as string, team };
}

adminRoutes.put('/sites/:site', async (c) => {
  const site = c.req.param('site');
  const stub = siteStub(c.env, site);
  const parsed = siteConfigSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error, 'The site config is not valid');
  const config = normalisePhones(parsed.data);
  const { created } = await stub.putConfig(site, config);
  return c.json({ site, config }, created ? 201 : 200);
});

adminRoutes.get('/sites/:site', async (c) => {
  const site = c.req.param('site');
  const config = await siteStub(c.env, site).getConfig();
  if (!config) throw new ApiError(404, 'site_not_found', 'Unknown site');
  return c.json({ site, config });
});

adminRoutes.get('/sites/:site/leads/:leadId', async (c) => {
  const detail = await siteStub(c.env, c.req.param('site')).getLead(c.req.param('leadId'));
  if (!detail) throw new ApiError(404, 'not_found', 'No such lead on this site');
  return c.json(detail);
});

adminRoutes.post('/sites/:site/members/:member/push-subscriptions', async (c) => {
  const parsed = pushSubscriptionSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error, 'Not a valid push subscription');
  const saved = await siteStub(c.env, c.req.param('site')).addPushSubscription(
    c.req.param('member'),
    parsed.data,
    Date.now(),
  );
  if (!saved) throw new ApiError(404, 'not_found', 'No such member on this site');
  return c.json(saved, 201);
});

adminRoutes.delete('/sites/:site/members/:member/push-subscriptions/:id', async (c) => {
  const removed = await siteStub(c.env, c.req.param('site')).removePushSubscription(
    c.req.param('member'),
    c.req.param('id'),
  );
  if (!removed) throw new ApiError(404, 'not_found', 'No such push subscription');
  return c.body(null, 204);
});

/** One homeowner's data, by phone or email: export (GET) or erase (DELETE). */
const homeownerQuery = (url: string) => {
  const q = new URL(url).searchParams;
  const parsed = homeownerQuerySchema.safeParse({
    phone: q.get('phone') ?? undefined,
    email: q.get('email') ?? undefined,
  });
  if (!parsed.success) throw invalid(parsed.error, 'Give a phone or an email');
  return { phone: parsed.data.phone ?? null, email: parsed.data.email ?? null };
};

adminRoutes.get('/sites/:site/homeowners', async (c) => {
  const { phone, email } = homeownerQuery(c.req.url);
  const data = await siteStub(c.env, c.req.param('site')).exportHomeowner(phone, email);
  if (!data) throw new ApiError(404, 'site_not_found', 'Unknown site');
  c.header('Content-Disposition', 'attachment; filename="homeowner-export.json"');
  c.header('Cache-Control', 'no-store');
  return c.json(data);
});

adminRoutes.delete('/sites/:site/homeowners', async (c) => {
  const { phone, email } = homeownerQuery(c.req.url);
  const deleted = await siteStub(c.env, c.req.param('site')).deleteHomeowner(
    phone,
    email,
    Date.now(),
  );
  if (!deleted) throw new ApiError(404, 'site_not_found', 'Unknown site');
  return c.json({ deleted });
});

/** Who is on call now (or at ?at=ISO) on each schedule, and the next hand-offs. */
adminRoutes.get('/sites/:site/on-call', async (c) => {
  const raw = c.req.query('at');
  const at = raw ? Date.parse(raw) : Date.now();
  if (Number.isNaN(at))
    throw new ApiError(400, 'invalid_request', 'at must be an ISO date-time', {
      at: 'not a date-time',
    });
  const views = await siteStub(c.env, c.req.param('site')).onCall(at);
  if (!views) throw new ApiError(404, 'site_not_found', 'Unknown site');
  return c.json({ at: new Date(at).toISOString(), schedules: views });
});
