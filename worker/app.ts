import { Hono } from 'hono';
import type { Env } from './env';
import { ApiError, errorResponse } from './http/errors';
import { logError } from './log';
import { CLAIM_PUSH_JS, SERVICE_WORKER_JS } from './pages/push-client';
import { adminRoutes } from './routes/admin';
import { assetRoutes } from './routes/assets';
import { claimRoutes } from './routes/claim';
import { consoleRoutes } from './routes/console';
import { devRoutes } from './routes/dev';
import { noopRoutes } from './routes/noop';
import { publicRoutes } from './routes/public';
import { twilioRoutes } from './routes/twilio-webhooks';

export const app = new Hono<{ Bindings: Env }>();

app.use('*', async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('X-Content-Type-Options', 'nosniff');
  if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (new URL(c.req.url).protocol === 'https:')
    h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  // Our own pages are never framed; the widget runs in the host page, not in a frame of ours.
  if (h.get('Content-Type')?.startsWith('text/html')) {
    h.set('X-Frame-Options', 'DENY');
    if (!h.has('Content-Security-Policy'))
      h.set(
        'Content-Security-Policy',
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      );
  }
});

app.get('/', (c) => c.json({ service: 'firstcall', api: '/v1', widget: '/widget.js' }));
app.route('/v1/sites', publicRoutes);
app.route('/v1/admin', adminRoutes);
app.route('/v1/webhooks/twilio', twilioRoutes);
app.route('/c', claimRoutes);
app.route('/bench', noopRoutes);
app.route('/', devRoutes);
// Served from the worker's own origin, before the built widget files.
app.get('/sw.js', (c) =>
  c.body(SERVICE_WORKER_JS, 200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Service-Worker-Allowed': '/',
  }),
);
app.get('/claim-push.js', (c) =>
  c.body(CLAIM_PUSH_JS, 200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
  }),
);
app.route('/', consoleRoutes);
app.route('/', assetRoutes);

app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', 'Not found')));

app.onError((err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err);
  // Durable Object storage and overload errors are transient: the widget keeps the lead and
  // tries again. A transaction that failed wrote nothing, so nothing is half-stored.
  if (isTransient(err)) {
    logError('storage unavailable', { path: new URL(c.req.url).pathname, error: err.message });
    return errorResponse(
      c,
      new ApiError(503, 'unavailable', 'Briefly unavailable; please try again', undefined, {
        'Retry-After': '5',
      }),
    );
  }
  // No stack traces or provider details leave the worker; the log has them without personal data.
  logError('unhandled error', { path: new URL(c.req.url).pathname, error: err.message });
  return errorResponse(c, new ApiError(500, 'internal', 'Something went wrong on our side'));
});

function isTransient(err: Error): boolean {
  const flags = err as Error & { retryable?: boolean; overloaded?: boolean };
  return (
    flags.retryable === true ||
    flags.overloaded === true ||
    /Durable Object|storage/i.test(err.message)
  );
}
