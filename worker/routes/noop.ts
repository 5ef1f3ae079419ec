// The benchmark's baseline (bench/, issue #6): a route that goes through the same HTTP stack,
// router and app middleware as the lead route but does no work of its own, so a lead's cost can
// be read as a ratio against it on the same runtime. Development mode only, like /dev/*.
import { Hono } from 'hono';
import { type Env, isDevMode } from '../env';
import { ApiError } from '../http/errors';

export const noopRoutes = new Hono<{ Bindings: Env }>();

noopRoutes.all('/noop', async (c) => {
  if (!isDevMode(c.env)) throw new ApiError(404, 'not_found', 'Not found');
  // Read the body as the lead route does, so the baseline pays for receiving the same request.
  await c.req.text();
  return c.json({ ok: true });
});
