import { describe, expect, it } from 'vitest';
import { call } from './fixtures';

// dist/public is built by `npm test` (vite build) before these run.
describe('widget assets', () => {
  it('serves the loader and the form to any site, with short caching for the loader', async () => {
    const loader = await call('/widget.js');
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await loader.text()).toContain('firstcall-widget');
    const form = await call('/widget-form.js');
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(form.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 404 JSON for a file that does not exist', async () => {
    const res = await call('/nope.js');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
