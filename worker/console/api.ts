// /v1/console/*: the console's JSON API. Every route but sign-in needs a session; every write
// must come from the console itself (see auth.ts). Answers are never cached.
import { Hono } from 'hono';
import { ApiError } from '../http/errors';
import { siteStub } from '../http/site-stub';
import { type ConsoleCtx, isOwnOrigin, sameOriginWrites, signedIn } from './auth';
import { leadRoutes } from './lead-routes';
import { memberRoutes } from './member-routes';
import { sessionRoutes } from './session-routes';
import { settingsRoutes } from './settings-routes';
import { testLeadRoutes } from './test-lead';

export const consoleApi = new Hono<ConsoleCtx>();

consoleApi.use('*', sameOriginWrites);
consoleApi.use('*', async (c, next) => {
  // Redeeming an invite is how a session starts, so it is the one route without one.
  if (c.req.method === 'POST' && c.req.path.endsWith('/console/session')) return next();
  return signedIn(c, next);
});

/**
 * The live queue. A WebSocket handshake carries cookies but is not bound by CORS, so the Origin
 * must be ours (cross-site WebSocket hijacking), then the Site object takes the socket.
 */
consoleApi.get('/ws', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
    throw new ApiError(400, 'invalid_request', 'Expected a WebSocket upgrade');
  const origin = c.req.header('origin');
  if (!origin || !isOwnOrigin(c.env, c.req.url, origin))
    throw new ApiError(403, 'origin_not_allowed', 'The live queue only opens from the console');
  const res = await siteStub(c.env, c.get('site')).fetch(
    new Request('https://site.internal/console/ws', {
      headers: {
        Upgrade: 'websocket',
        'X-Console-Member': c.get('member').id,
        'X-Console-Session': c.get('idHash'),
      },
    }),
  );
  // The object's answer has immutable headers; the app's middleware adds its own.
  return new Response(null, { status: res.status, webSocket: res.webSocket, headers: res.headers });
});

consoleApi.route('/', sessionRoutes);
consoleApi.route('/', leadRoutes);
consoleApi.route('/', memberRoutes);
consoleApi.route('/', settingsRoutes);
consoleApi.route('/', testLeadRoutes);
