// /console: the console app's page, its hashed assets, the service worker and the PWA manifest.
// Every app route (/console/, /console/leads/…, /console/settings/…, /console/join) gets the
// same page; the app reads the path. The page runs under a strict CSP: scripts and connections
// only to this origin, no frames, no base tag, and inline styles only (Preact sets style
// attributes; the widget preview carries its own <style>).
import { Hono } from 'hono';
import type { Env } from '../env';
import { ApiError } from '../http/errors';

export const consolePages = new Hono<{ Bindings: Env }>();

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const MANIFEST = {
  name: 'FirstCall console',
  short_name: 'FirstCall',
  description: 'New leads, claims and follow-ups for your team.',
  id: '/console/',
  start_url: '/console/',
  scope: '/console/',
  display: 'standalone',
  background_color: '#f4f5f7',
  theme_color: '#0b5fff',
  icons: [
    { src: '/console/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/console/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    {
      src: '/console/icon-maskable-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable',
    },
  ],
};

async function asset(env: Env, url: string, path: string): Promise<Response> {
  const res = await env.ASSETS.fetch(new Request(new URL(path, url)));
  if (res.status !== 200) throw new ApiError(404, 'not_found', 'Not found');
  return res;
}

const withHeaders = (res: Response, headers: Record<string, string>): Response => {
  const h = new Headers(res.headers);
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  return new Response(res.body, { status: res.status, headers: h });
};

consolePages.get('/', (c) => c.redirect('/console/', 301));

consolePages.get('/manifest.webmanifest', (c) =>
  c.body(JSON.stringify(MANIFEST), 200, {
    'Content-Type': 'application/manifest+json',
    'Cache-Control': 'public, max-age=3600',
  }),
);

consolePages.get('/sw.js', async (c) =>
  withHeaders(await asset(c.env, c.req.url, '/console/sw.js'), {
    'Content-Type': 'text/javascript; charset=utf-8',
    // A service worker must update as soon as a new one is deployed.
    'Cache-Control': 'no-cache',
  }),
);

consolePages.get('/:icon{icon-(192|512|maskable-512)\\.png}', async (c) =>
  withHeaders(await asset(c.env, c.req.url, `/console/${c.req.param('icon')}`), {
    'Cache-Control': 'public, max-age=86400',
  }),
);

consolePages.get('/assets/:file{[A-Za-z0-9_.-]+\\.(js|css)}', async (c) =>
  withHeaders(await asset(c.env, c.req.url, `/console/assets/${c.req.param('file')}`), {
    // Names carry a content hash: a new build is a new name.
    'Cache-Control': 'public, max-age=31536000, immutable',
  }),
);

/** The app's page for every other path under /console/. */
consolePages.get('/*', async (c) => {
  const page = await asset(c.env, c.req.url, '/console/');
  return withHeaders(page, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': CONSOLE_CSP,
    'Referrer-Policy': 'same-origin',
    'X-Robots-Tag': 'noindex',
  });
});
