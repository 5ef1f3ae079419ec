// The console app itself: one page for every path under /console/, a strict CSP, the PWA
// manifest, the service worker and the hashed assets. dist/public is built by `npm test`.
import { describe, expect, it } from 'vitest';
import { call } from './fixtures';

describe('the console app', () => {
  it('serves the same page for every app path, under a strict CSP', async () => {
    const bare = await call('/console', { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
    for (const path of [
      '/console/',
      '/console/leads/ld_abc',
      '/console/settings/team',
      '/console/join',
    ]) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ])
        expect(csp).toContain(directive);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const html = await res.text();
      expect(html).toContain('<link rel="manifest" href="/console/manifest.webmanifest"');
      expect(html).not.toMatch(/<script>(?!<)/); // no inline scripts
    }
  });

  it('serves hashed assets for a year and the service worker fresh', async () => {
    const html = await (await call('/console/')).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await call(script as string);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const sw = await call('/console/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(await sw.text()).toContain('notificationclick');
    expect((await call('/console/assets/nope.js')).status).toBe(404);
  });

  it('is installable: a manifest scoped to /console/ with PNG icons', async () => {
    const res = await call('/console/manifest.webmanifest');
    expect(res.headers.get('content-type')).toBe('application/manifest+json');
    const manifest = (await res.json()) as {
      start_url: string;
      scope: string;
      display: string;
      icons: Array<{ src: string; sizes: string }>;
    };
    expect(manifest).toMatchObject({
      start_url: '/console/',
      scope: '/console/',
      display: 'standalone',
    });
    for (const icon of manifest.icons) {
      const png = await call(icon.src);
      expect(png.status, icon.src).toBe(200);
      const bytes = new Uint8Array(await png.arrayBuffer());
      expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
      const view = new DataView(bytes.buffer);
      expect(`${view.getUint32(16)}x${view.getUint32(20)}`).toBe(icon.sizes);
    }
  });
});
