// "Send a test lead": a lead for the site posted through the public intake route itself (over
// the worker's own loopback binding, so the real route, validation, routing, acknowledgement and
// alerts all run), then marked as a test in the console. The console follows its timeline.
import { exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import type { ErrorBody, LeadCreated } from '../../shared/schemas';
import { ApiError } from '../http/errors';
import { publicOrigin, siteStub } from '../http/site-stub';
import { type ConsoleCtx, requireRole } from './auth';

export const testLeadRoutes = new Hono<ConsoleCtx>();

testLeadRoutes.post('/test-lead', requireRole('owner', 'manager'), async (c) => {
  const site = c.get('site');
  const member = c.get('member');
  const stub = siteStub(c.env, site);
  const view = await stub.consoleConfig();
  if (!view) throw new ApiError(404, 'site_not_found', 'Unknown site');
  const origin = publicOrigin(c.env, c.req.url);
  const res = await exports.default.fetch(
    new Request(`${origin}/v1/sites/${site}/leads`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': `console-test:${crypto.randomUUID()}`,
      },
      body: JSON.stringify({
        name: 'Test lead',
        // The site's own number: no homeowner is bothered, and no text is sent without consent.
        phone: view.config.phone,
        service: view.config.services[0],
        message: `A test lead sent from the console by ${member.name}.`,
        smsConsent: false,
        page: { url: `${origin}/console/settings/go-live` },
      }),
    }),
  );
  if (res.status !== 201) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(
      502,
      'unavailable',
      `The lead route answered ${res.status}: ${body?.error.message ?? 'no details'}`,
    );
  }
  const created = (await res.json()) as LeadCreated;
  await stub.consoleMarkTest(created.leadId, member.id, Date.now());
  return c.json(created, 201);
});
