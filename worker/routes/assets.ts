// The widget's built files (dist/public), served with the headers a third-party script needs.
import { Hono } from 'hono';
import type { Env } from '../env';

export const assetRoutes = new Hono<{ Bindings: Env }>();

assetRoutes.get('/:file{[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(js|css|map)}', async (c) => {
  const res = await c.env.ASSETS.fetch(c.req.raw);
  if (res.status !== 200 && res.status !== 304)
    return c.json({ error: { code: 'not_found', message: 'Not found' } }, 404);
  const headers = new Headers(res.headers);
  headers.set('Access-Control-Allow-Origin', '*');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  // The loader's URL is pasted into sites for years: keep it fresh so fixes roll out in minutes.
  headers.set(
    'Cache-Control',
    c.req.param('file') === 'widget.js' ? 'public, max-age=300' : 'public, max-age=3600',
  );
  return new Response(res.body, { status: res.status, headers });
});
