// Twilio's webhooks: inbound texts, keys pressed on alert calls, delivery receipts. Every request
// must carry a valid X-Twilio-Signature for our auth token; anything else gets 403 and changes
// nothing.
import { Hono } from 'hono';
import { siteIdSchema } from '../../shared/schemas';
import type { Env } from '../env';
import { readFormText } from '../http/body';
import { ApiError } from '../http/errors';
import { publicOrigin } from '../http/site-stub';
import {
  type FormParams,
  field,
  parseForm,
  validTwilioSignature,
} from '../notify/twilio-signature';
import { messageTwiml, sayTwiml } from '../notify/twiml';
import { toE164 } from '../phone';

type Ctx = { Bindings: Env; Variables: { form: FormParams } };
export const twilioRoutes = new Hono<Ctx>();

const xml = (body: string) =>
  new Response(body, { headers: { 'Content-Type': 'text/xml; charset=utf-8' } });

twilioRoutes.use('*', async (c, next) => {
  const token = c.env.TWILIO_AUTH_TOKEN;
  const form = parseForm(await readFormText(c.req.raw));
  // Behind a proxy the URL Twilio signed is the public one; try it as well as the one we see.
  const seen = new URL(c.req.url);
  const urls = [c.req.url];
  if (c.env.PUBLIC_ORIGIN) urls.push(`${c.env.PUBLIC_ORIGIN}${seen.pathname}${seen.search}`);
  const signature = c.req.header('x-twilio-signature');
  if (!token || !urls.some((url) => validTwilioSignature(token, url, form, signature))) {
    throw new ApiError(403, 'unauthorized', 'Missing or invalid X-Twilio-Signature');
  }
  c.set('form', form);
  await next();
});

const siteFromQuery = (env: Env, site: string | undefined) => {
  if (!site || !siteIdSchema.safeParse(site).success)
    throw new ApiError(400, 'invalid_request', 'site is missing');
  return env.SITE.getByName(site);
};

twilioRoutes.post('/sms', async (c) => {
  const form = c.get('form');
  const from = toE164(field(form, 'From') ?? '', 'US');
  if (!from) return xml(messageTwiml(null));
  const site = await c.env.PHONE_DIRECTORY.getByName('directory').siteFor(from);
  if (!site) return xml(messageTwiml(null));
  const reply = await c.env.SITE.getByName(site).inboundSms(
    from,
    field(form, 'Body') ?? '',
    Date.now(),
  );
  return xml(messageTwiml(reply));
});

twilioRoutes.post('/voice', async (c) => {
  const lead = c.req.query('lead');
  const member = c.req.query('member');
  const outboxId = Number(c.req.query('o'));
  if (!lead || !member || !Number.isInteger(outboxId))
    return xml(sayTwiml('Sorry, this call has no lead. Goodbye.'));
  const stub = siteFromQuery(c.env, c.req.query('site'));
  const digits = field(c.get('form'), 'Digits') ?? '';
  const dialAction = new URL('/v1/webhooks/twilio/dial', publicOrigin(c.env, c.req.url));
  for (const [k, v] of Object.entries({ site: c.req.query('site') ?? '', lead, member }))
    dialAction.searchParams.set(k, v);
  return xml(
    await stub.voiceInput(lead, member, outboxId, digits, Date.now(), dialAction.toString()),
  );
});

/** How the CSR's call to the homeowner ended; a completed one means the homeowner was reached. */
twilioRoutes.post('/dial', async (c) => {
  const lead = c.req.query('lead');
  const member = c.req.query('member');
  const form = c.get('form');
  if (lead && member && field(form, 'DialCallStatus') === 'completed') {
    const seconds = Number(field(form, 'DialCallDuration') ?? '0') || 0;
    await siteFromQuery(c.env, c.req.query('site')).callConnected(
      lead,
      member,
      seconds,
      Date.now(),
    );
  }
  return xml(sayTwiml('Goodbye.'));
});

twilioRoutes.post('/status', async (c) => {
  const form = c.get('form');
  const outboxId = Number(c.req.query('o'));
  const status = field(form, 'MessageStatus') ?? field(form, 'CallStatus');
  if (!Number.isInteger(outboxId) || !status)
    throw new ApiError(400, 'invalid_request', 'o and a status are required');
  await siteFromQuery(c.env, c.req.query('site')).deliveryStatus(
    outboxId,
    status,
    field(form, 'ErrorCode'),
    Date.now(),
  );
  return c.body(null, 204);
});
