// The queue and one lead: detail, claim, outcome, notes.
import { Hono } from 'hono';
import { noteInputSchema, outcomeInputSchema } from '../../shared/schemas';
import { readJson } from '../http/body';
import { ApiError, invalid } from '../http/errors';
import { publicOrigin, siteStub } from '../http/site-stub';
import type { Refusal } from '../site/console-site';
import type { ConsoleCtx } from './auth';

export const leadRoutes = new Hono<ConsoleCtx>();

const LEAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

function leadId(raw: string): string {
  if (!LEAD_ID.test(raw)) throw new ApiError(404, 'not_found', 'No such lead');
  return raw;
}

export function refusal(r: Refusal): ApiError {
  const code =
    r.status === 404
      ? 'not_found'
      : r.status === 409
        ? 'conflict'
        : r.status === 400
          ? 'invalid_request'
          : r.status === 503
            ? 'unavailable'
            : 'unauthorized';
  return new ApiError(r.status, code, r.message, r.fields);
}

leadRoutes.get('/queue', async (c) => {
  const leads = await siteStub(c.env, c.get('site')).consoleQueue(Date.now());
  return c.json({ at: new Date().toISOString(), leads });
});

leadRoutes.get('/leads/:id', async (c) => {
  const detail = await siteStub(c.env, c.get('site')).consoleLead(leadId(c.req.param('id')));
  if (!detail) throw new ApiError(404, 'not_found', 'No such lead');
  return c.json(detail);
});

leadRoutes.post('/leads/:id/claim', async (c) => {
  const result = await siteStub(c.env, c.get('site')).consoleClaim(
    leadId(c.req.param('id')),
    c.get('member').id,
    Date.now(),
  );
  if (!result.ok) throw refusal(result);
  return c.json(result.item);
});

leadRoutes.post('/leads/:id/outcome', async (c) => {
  const parsed = outcomeInputSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const result = await siteStub(c.env, c.get('site')).consoleOutcome(
    leadId(c.req.param('id')),
    c.get('member').id,
    parsed.data,
    publicOrigin(c.env, c.req.url),
    Date.now(),
  );
  if (!result.ok) throw refusal(result);
  return c.json(result.item);
});

leadRoutes.post('/leads/:id/notes', async (c) => {
  const parsed = noteInputSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const result = await siteStub(c.env, c.get('site')).consoleNote(
    leadId(c.req.param('id')),
    c.get('member').id,
    parsed.data.text,
    Date.now(),
  );
  if (!result.ok) throw refusal(result);
  return c.body(null, 204);
});
