// Development only: the dev outbox (every message that would have been sent) and the demo page.
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { type Env, isDevMode } from '../env';
import { ApiError } from '../http/errors';
import { demoPageHtml } from '../pages/demo-page';
import { outboxPage } from '../pages/outbox-page';

export const devRoutes = new Hono<{ Bindings: Env }>();

// Scoped to its own paths: mounted at the root, a '*' guard would hide every route after it.
const devOnly = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  if (!isDevMode(c.env)) throw new ApiError(404, 'not_found', 'Not found');
  await next();
});
devRoutes.use('/dev/*', devOnly);
devRoutes.use('/demo', devOnly);

const outbox = (env: Env) => env.DEV_OUTBOX.getByName('dev');

devRoutes.get('/dev/outbox.json', async (c) => {
  const limit = Math.min(5000, Math.max(1, Number(c.req.query('limit') ?? 500) || 500));
  return c.json(await outbox(c.env).list(limit));
});

devRoutes.get('/dev/outbox', async (c) => c.html(outboxPage(await outbox(c.env).list())));

devRoutes.get('/demo', (c) => c.html(demoPageHtml(new URL(c.req.url).origin)));
