// The public v1 API the widget (and a contractor's own forms) call from browsers.
import { Hono } from 'hono';
import { leadInputSchema, widgetEventSchema } from '../../shared/schemas';
import type { Env } from '../env';
import { MAX_BODY_BYTES, readJson } from '../http/body';
import { ApiError, errorResponse, invalid } from '../http/errors';
import { isFormPost, leadFromForm, withParam } from '../http/lead-form';
import { originAllowed } from '../http/origins';
import { rateLimited } from '../http/rate-limit';
import { publicOrigin, siteStub } from '../http/site-stub';
import { turnstileScriptUrl, verifyTurnstile } from '../http/turnstile';
import { formErrorPage, formThanksPage } from '../pages/form-result';
import type { IntakeGuard } from '../site/site-do';

type Ctx = { Bindings: Env; Variables: { corsOrigin: string | null; guard: IntakeGuard | null } };
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export const publicRoutes = new Hono<Ctx>();

/** The site's intake guard, or the refusal to answer; one Durable Object call either way. */
async function loadGuard(env: Env, site: string): Promise<IntakeGuard | ApiError> {
  let guard: IntakeGuard | null;
  try {
    guard = await siteStub(env, site).intakeGuard();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  return guard ?? new ApiError(404, 'site_not_found', 'Unknown site');
}

function refuseOrigin(origin: string, guard: IntakeGuard): ApiError | null {
  if (!originAllowed(origin, guard.allowedOrigins)) {
    return new ApiError(
      403,
      'origin_not_allowed',
      'This website is not allowed to send leads for this site',
    );
  }
  return null;
}

/**
 * Every public route checks the browser's Origin against the site's allowedOrigins before
 * doing anything. A request without Origin is not from a browser page and has nothing to check.
 */
publicRoutes.use('/:site/*', async (c, next) => {
  const origin = c.req.header('origin') ?? null;
  c.set('corsOrigin', null);
  c.set('guard', null);
  if (origin !== null) {
    const guard = await loadGuard(c.env, c.req.param('site'));
    const refusal = guard instanceof ApiError ? guard : refuseOrigin(origin, guard);
    if (!(guard instanceof ApiError)) c.set('guard', guard);
    if (refusal) {
      // Readable by any page (no credentials involved) so the widget can see why and step aside
      // instead of retrying a refusal it cannot tell from a network error.
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Vary', 'Origin');
      return errorResponse(c, refusal);
    }
    c.set('corsOrigin', origin);
  }
  if (c.req.method === 'OPTIONS') {
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  await next();
  const allowOrigin = c.get('corsOrigin');
  if (allowOrigin) {
    c.res.headers.set('Access-Control-Allow-Origin', allowOrigin);
    c.res.headers.set('Access-Control-Expose-Headers', 'Idempotent-Replayed, Retry-After');
  }
  c.res.headers.append('Vary', 'Origin');
});

publicRoutes.get('/:site/config', async (c) => {
  const config = await siteStub(c.env, c.req.param('site')).publicConfig(
    Date.now(),
    turnstileScriptUrl(c.env),
  );
  if (!config) throw new ApiError(404, 'site_not_found', 'Unknown site');
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(config);
});

publicRoutes.post('/:site/leads', rateLimited, async (c) => {
  const stub = siteStub(c.env, c.req.param('site'));
  const key = c.req.header('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(
      400,
      'invalid_request',
      'Idempotency-Key must be 8-128 letters, digits or _.:-',
      {
        'Idempotency-Key': 'invalid format',
      },
    );
  }
  // Loaded by the origin check for a browser; loaded here for a request without Origin.
  const guard = c.get('guard') ?? (await loadGuard(c.env, c.req.param('site')));
  if (guard instanceof ApiError) throw guard;
  if (isFormPost(c.req.header('content-type')))
    return formLead(c.req.raw, c.env, c.req.param('site'), guard);
  const parsed = leadInputSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const idempotencyKey = key ?? `auto:${crypto.randomUUID()}`;
  if (guard.turnstileSecret)
    await verifyTurnstile(
      c.env,
      guard.turnstileSecret,
      parsed.data.turnstileToken,
      c.req.header('cf-connecting-ip'),
      idempotencyKey,
    );
  const result = await stub.submitLead({
    ip: c.req.header('cf-connecting-ip'),
    input: parsed.data,
    idempotencyKey,
    now: Date.now(),
    origin: publicOrigin(c.env, c.req.url),
  });
  switch (result.kind) {
    case 'site_not_found':
      throw new ApiError(404, 'site_not_found', 'Unknown site');
    case 'invalid':
      throw new ApiError(400, 'invalid_request', 'Some fields are not valid', result.fields);
    case 'idempotency_conflict':
      throw new ApiError(
        409,
        'conflict',
        'This Idempotency-Key was already used with a different lead',
      );
    case 'replayed':
      c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, 201);
    case 'created':
      return c.json(result.body, 201);
  }
});

publicRoutes.post('/:site/events', rateLimited, async (c) => {
  const stub = siteStub(c.env, c.req.param('site'));
  const parsed = widgetEventSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const recorded = await stub.recordWidgetEvent(parsed.data, Date.now());
  if (!recorded) throw new ApiError(404, 'site_not_found', 'Unknown site');
  return c.json({ accepted: true }, 202);
});

/** A plain HTML form's post: 303 to the contractor's thank-you page, or a hosted page. */
async function formLead(
  req: Request,
  env: Env,
  site: string,
  guard: IntakeGuard,
): Promise<Response> {
  const stub = siteStub(env, site);
  if (Number(req.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) {
    throw new ApiError(413, 'payload_too_large', `Body larger than ${MAX_BODY_BYTES} bytes`);
  }
  const form = await req.formData().catch(() => null);
  if (!form) throw new ApiError(400, 'invalid_request', 'Body is not a valid form');
  const read = leadFromForm(form, req.headers.get('referer'), guard.allowedOrigins);
  const fail = (fields: Record<string, string>) =>
    read.redirect
      ? redirect(
          withParam(
            withParam(read.redirect, 'error', 'invalid'),
            'fields',
            Object.keys(fields).join(','),
          ),
        )
      : html(formErrorPage(fields), 400);
  if (!read.ok) return fail(read.fields);
  const formKey = `form:${crypto.randomUUID()}`;
  const secret = guard.turnstileSecret;
  if (secret) {
    try {
      await verifyTurnstile(
        env,
        secret,
        read.input.turnstileToken,
        req.headers.get('cf-connecting-ip') ?? undefined,
        formKey,
      );
    } catch (err) {
      if (err instanceof ApiError && err.fields) return fail(err.fields);
      throw err;
    }
  }
  const result = await stub.submitLead({
    ip: req.headers.get('cf-connecting-ip') ?? undefined,
    input: read.input,
    // A form cannot send headers; a retried post makes a second lead, which the team sees as a duplicate.
    idempotencyKey: formKey,
    now: Date.now(),
    origin: publicOrigin(env, req.url),
  });
  if (result.kind === 'invalid') return fail(result.fields);
  if (result.kind !== 'created' && result.kind !== 'replayed')
    throw new ApiError(404, 'site_not_found', 'Unknown site');
  return read.redirect
    ? redirect(withParam(read.redirect, 'lead', result.body.leadId))
    : html(formThanksPage(result.body.ack.message));
}

const redirect = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location } });
const html = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
