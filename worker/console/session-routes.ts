// Signing in with an invite link, signing out, and "who am I".
import { Hono } from 'hono';
import { redeemInviteSchema } from '../../shared/schemas';
import { isDevMode } from '../env';
import { readJson } from '../http/body';
import { ApiError, invalid } from '../http/errors';
import { siteStub } from '../http/site-stub';
import { SigningConfigError, signingKeys } from '../links';
import type { ConsoleCtx } from './auth';
import { verifyInvite } from './invite-token';
import { clearSessionCookie, writeSessionCookie } from './session-cookie';

export const sessionRoutes = new Hono<ConsoleCtx>();

const INVITE_PROBLEMS = {
  used: 'This invite link was already used. Ask for a new one.',
  revoked: 'A newer invite was sent; use the latest link.',
  expired: 'This invite link has expired. Ask for a new one.',
  unknown: 'This invite link is not valid.',
  wrong_member: 'This invite link is not valid.',
  not_member: 'You are no longer on this team.',
} as const;

/** Redeems an invite (single use) and starts a session. */
sessionRoutes.post('/session', async (c) => {
  const parsed = redeemInviteSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  let keys: ReturnType<typeof signingKeys>;
  try {
    keys = signingKeys(c.env.LINK_SIGNING_KEYS, isDevMode(c.env));
  } catch (err) {
    if (err instanceof SigningConfigError)
      throw new ApiError(503, 'unavailable', 'Links are not set up on this server');
    throw err;
  }
  const checked = verifyInvite(parsed.data.token, keys, Math.floor(Date.now() / 1000));
  if (!checked.ok) {
    if (checked.reason === 'expired')
      throw new ApiError(410, 'unauthorized', INVITE_PROBLEMS.expired);
    throw new ApiError(401, 'unauthorized', INVITE_PROBLEMS.unknown);
  }
  const { site, inviteId, memberId } = checked.grant;
  const stub = siteStub(c.env, site);
  const redeemed = await stub.consoleRedeemInvite(
    inviteId,
    memberId,
    Date.now(),
    c.req.header('user-agent') ?? null,
  );
  if (!redeemed.ok) {
    const status = redeemed.reason === 'expired' ? 410 : redeemed.reason === 'used' ? 409 : 401;
    throw new ApiError(
      status,
      redeemed.reason === 'used' ? 'conflict' : 'unauthorized',
      INVITE_PROBLEMS[redeemed.reason],
    );
  }
  writeSessionCookie(c, site, redeemed.secret);
  const me = await stub.consoleMe(memberId);
  return c.json(me);
});

sessionRoutes.get('/me', async (c) => {
  const me = await siteStub(c.env, c.get('site')).consoleMe(c.get('member').id);
  if (!me) throw new ApiError(401, 'unauthorized', 'You are no longer on this team');
  return c.json(me);
});

sessionRoutes.delete('/session', async (c) => {
  await siteStub(c.env, c.get('site')).consoleSignOut(c.get('secret'), c.get('idHash'), Date.now());
  clearSessionCookie(c);
  return c.body(null, 204);
});
