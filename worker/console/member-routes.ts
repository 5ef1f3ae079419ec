// A member's own switches (duty, push on this device) and what owners and managers do for the
// team: invite links and signing a member out everywhere.
import { Hono } from 'hono';
import {
  dutyInputSchema,
  inviteRequestSchema,
  memberIdSchema,
  pushSubscriptionSchema,
} from '../../shared/schemas';
import { readJson } from '../http/body';
import { ApiError, invalid } from '../http/errors';
import { publicOrigin, siteStub } from '../http/site-stub';
import { type ConsoleCtx, requireRole } from './auth';
import { refusal } from './lead-routes';

export const memberRoutes = new Hono<ConsoleCtx>();
const managers = requireRole('owner', 'manager');

function memberParam(raw: string): string {
  if (!memberIdSchema.safeParse(raw).success)
    throw new ApiError(404, 'not_found', 'No such member');
  return raw;
}

memberRoutes.put('/duty', async (c) => {
  const parsed = dutyInputSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const stub = siteStub(c.env, c.get('site'));
  await stub.consoleSetDuty(c.get('member').id, parsed.data.onDuty, Date.now());
  return c.json(await stub.consoleMe(c.get('member').id));
});

memberRoutes.post('/push-subscriptions', async (c) => {
  const parsed = pushSubscriptionSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error, 'Not a valid push subscription');
  const saved = await siteStub(c.env, c.get('site')).addPushSubscription(
    c.get('member').id,
    parsed.data,
    Date.now(),
  );
  if (!saved) throw new ApiError(403, 'unauthorized', 'You are no longer on this team');
  return c.json(saved, 201);
});

memberRoutes.delete('/push-subscriptions/:id', async (c) => {
  const removed = await siteStub(c.env, c.get('site')).removePushSubscription(
    c.get('member').id,
    c.req.param('id'),
  );
  if (!removed) throw new ApiError(404, 'not_found', 'No such push subscription');
  return c.body(null, 204);
});

memberRoutes.post('/push-subscriptions/test', async (c) => {
  const queued = await siteStub(c.env, c.get('site')).consoleTestPush(
    c.get('member').id,
    publicOrigin(c.env, c.req.url),
    Date.now(),
  );
  if (queued === 0)
    throw new ApiError(409, 'conflict', 'Turn on notifications on this device first');
  return c.json({ queued }, 202);
});

memberRoutes.post('/invites', managers, async (c) => {
  const parsed = inviteRequestSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const result = await siteStub(c.env, c.get('site')).consoleInvite(
    c.get('member').id,
    parsed.data.memberId,
    parsed.data.send ?? 'sms',
    publicOrigin(c.env, c.req.url),
    Date.now(),
  );
  if (!result.ok) throw refusal(result);
  return c.json(result.invite, 201);
});

memberRoutes.get('/members/:member/sessions', async (c) => {
  const memberId = memberParam(c.req.param('member'));
  const me = c.get('member');
  if (memberId !== me.id && me.role === 'csr')
    throw new ApiError(403, 'unauthorized', 'Owners and managers only');
  const sessions = await siteStub(c.env, c.get('site')).consoleSessions(
    memberId,
    c.get('idHash'),
    Date.now(),
  );
  return c.json({ sessions });
});

memberRoutes.delete('/members/:member/sessions', managers, async (c) => {
  const ended = await siteStub(c.env, c.get('site')).consoleRevokeSessions(
    memberParam(c.req.param('member')),
    Date.now(),
  );
  return c.json({ ended });
});
