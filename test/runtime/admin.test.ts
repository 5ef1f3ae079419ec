import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { ADMIN, call, createLead, putSite, siteConfig } from './fixtures';

const put = (site: string, body: unknown, headers: Record<string, string> = ADMIN) =>
  call(`/v1/admin/sites/${site}`, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('admin API', () => {
  it('refuses requests without the right bearer token', async () => {
    expect((await put('adm', siteConfig(), {})).status).toBe(401);
    const wrong = await put('adm', siteConfig(), { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(
      (
        await call('/v1/admin/sites/adm', {
          headers: { Authorization: 'Bearer test-admin-tokenX' },
        })
      ).status,
    ).toBe(401);
  });

  it('refuses every admin request when ADMIN_TOKEN is not set outside development', async () => {
    const prod = { ...env, DEV_MODE: undefined, ADMIN_TOKEN: undefined };
    for (const token of ['', 'dev-admin-token', 'undefined']) {
      const res = await app.request(
        '/v1/admin/sites/adm',
        { headers: { Authorization: `Bearer ${token}` } },
        prod,
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { message: expect.stringContaining('ADMIN_TOKEN') },
      });
    }
    // Development mode with nothing set uses the documented dev token.
    const dev = { ...env, DEV_MODE: '1', ADMIN_TOKEN: undefined };
    expect(
      (
        await app.request(
          '/v1/admin/sites/not-there',
          { headers: { Authorization: 'Bearer dev-admin-token' } },
          dev,
        )
      ).status,
    ).toBe(404);
  });

  it('creates (201), replaces (200) and reads a config, storing phones in E.164', async () => {
    expect((await put('adm', siteConfig())).status).toBe(201);
    const replaced = await put('adm', siteConfig({ name: 'Acme Heating & Air' }));
    expect(replaced.status).toBe(200);
    const res = await call('/v1/admin/sites/adm', { headers: ADMIN });
    const { config } = (await res.json()) as {
      config: { name: string; phone: string; team: Array<{ phone: string }> };
    };
    expect(config.name).toBe('Acme Heating & Air');
    expect(config.phone).toBe('+16175550100');
    expect(config.team.map((m) => m.phone)).toEqual([
      '+16175550101',
      '+16175550102',
      '+16175550103',
    ]);
    expect((await call('/v1/admin/sites/never-made', { headers: ADMIN })).status).toBe(404);
  });

  it('answers 400 naming the invalid fields of a config, keeping the old one', async () => {
    await put('adm-bad', siteConfig());
    const bad = siteConfig({
      timezone: 'Mars/Olympus',
      onCall: ['ghost'],
      allowedOrigins: ['not an origin'],
      escalation: {
        steps: [
          { afterSeconds: 300, notify: ['assignee'] },
          { afterSeconds: 60, notify: ['nobody'] },
        ],
        repeat: 0,
      },
    });
    const res = await put('adm-bad', bad);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields)).toEqual(
      expect.arrayContaining(['timezone', 'onCall.0', 'allowedOrigins.0', 'escalation.steps']),
    );
    const phones = await put(
      'adm-bad',
      siteConfig({ team: siteConfig().team.map((m, i) => (i === 0 ? { ...m, phone: '12' } : m)) }),
    );
    expect(await phones.json()).toMatchObject({
      error: { fields: { 'team.0.phone': expect.any(String) } },
    });
    const kept = (await (await call('/v1/admin/sites/adm-bad', { headers: ADMIN })).json()) as {
      config: { timezone: string };
    };
    expect(kept.config.timezone).toBe('America/New_York');
  });

  it("never shows one site's lead under another site", async () => {
    await putSite('tenant-a');
    await putSite('tenant-b');
    const { leadId } = await createLead('tenant-a');
    expect(
      (await call(`/v1/admin/sites/tenant-a/leads/${leadId}`, { headers: ADMIN })).status,
    ).toBe(200);
    const res = await call(`/v1/admin/sites/tenant-b/leads/${leadId}`, { headers: ADMIN });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Sam');
  });
});

describe('development-only routes', () => {
  it('answer 404 outside development mode', async () => {
    const prod = { ...env, DEV_MODE: undefined };
    for (const path of ['/dev/outbox', '/dev/outbox.json', '/demo']) {
      const res = await app.request(path, {}, prod);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('list every message that would have been sent, as JSON and as an escaped page', async () => {
    await putSite('devbox');
    const { leadId } = await createLead('devbox', { name: '<b>Bold</b> Name' });
    const { settledOutbox } = await import('./fixtures');
    const entries = await settledOutbox(leadId, 2);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(
        expect.arrayContaining(['at', 'body', 'channel', 'kind', 'leadId', 'to']),
      );
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    const html = await (await call('/dev/outbox')).text();
    expect(html).toContain('&lt;b&gt;Bold&lt;/b&gt; Name');
    expect(html).not.toContain('<b>Bold</b>');
    expect(html).toContain(`${leadId}`);
  });
});

describe('unknown routes and errors', () => {
  it('answer JSON errors with a code, never a stack', async () => {
    const res = await call('/v2/whatever');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
  });
});

describe('outside development mode', () => {
  it('still serves the widget, claim links and the public API (the dev guard covers only /dev and /demo)', async () => {
    const prod = { ...env, DEV_MODE: undefined };
    const widget = await app.request('/widget.js', {}, prod);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect((await app.request('/sw.js', {}, prod)).status).toBe(200);
    expect((await app.request('/c/garbage', {}, prod)).status).toBe(404);
    const config = await app.request('/v1/sites/never-made/config', {}, prod);
    expect(await config.json()).toMatchObject({ error: { code: 'site_not_found' } });
  });
});

describe('storage failures', () => {
  it('answer 503 with Retry-After, never a stack, when the site object is unavailable', async () => {
    const failing = {
      ...env,
      SITE: {
        getByName: () => ({
          intakeGuard: async () => ({
            allowedOrigins: ['https://acme-heating.example'],
            turnstileSecret: null,
          }),
          submitLead: async () => {
            throw Object.assign(new Error('Durable Object storage operation exceeded timeout'), {
              retryable: true,
            });
          },
        }),
      },
    } as unknown as typeof env;
    const res = await app.request(
      '/v1/sites/acme/leads',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ name: 'Sam', phone: '617 555 0199', smsConsent: false }),
      },
      failing,
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({
      error: { code: 'unavailable', message: 'Briefly unavailable; please try again' },
    });
  });
});
