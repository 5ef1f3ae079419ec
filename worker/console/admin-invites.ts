// The bootstrap: an admin (ADMIN_TOKEN) mints the first owner's invite for a new site; from
// then on owners and managers invite their team from the console.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { inviteRequestSchema } from '../../shared/schemas';
import { type Env, isDevMode } from '../env';
import { readJson } from '../http/body';
import { ApiError, invalid } from '../http/errors';
import { publicOrigin, siteStub } from '../http/site-stub';
import { DEV_ADMIN_TOKEN } from '../routes/admin';
import { refusal } from './lead-routes';

export const adminInviteRoutes = new Hono<{ Bindings: Env }>();

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The admin API's own check, repeated so this route never depends on mounting order. */
adminInviteRoutes.use('*', async (c, next) => {
  const expected = c.env.ADMIN_TOKEN || (isDevMode(c.env) ? DEV_ADMIN_TOKEN : undefined);
  const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  if (!expected || !timingSafeEqual(digest(given), digest(expected)))
    throw new ApiError(401, 'unauthorized', 'Missing or wrong admin token', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  await next();
});

adminInviteRoutes.post('/sites/:site/invites', async (c) => {
  const parsed = inviteRequestSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const result = await siteStub(c.env, c.req.param('site')).consoleInvite(
    null,
    parsed.data.memberId,
    // The admin usually hands the first link over in person; sending is opt-in here.
    parsed.data.send ?? 'none',
    publicOrigin(c.env, c.req.url),
    Date.now(),
  );
  if (!result.ok) throw refusal(result);
  return c.json(result.invite, 201);
});
