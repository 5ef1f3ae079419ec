import { beforeEach, describe, expect, it } from 'vitest';
import { call, providers, putSite, resetFakes, siteConfig } from './fixtures';

const SECRET = '0x4AAAAAAAturnstile-test-secret';

beforeEach(async () => {
  await resetFakes();
});

const lead = (site: string, extra: Record<string, unknown>, key = crypto.randomUUID()) =>
  call(`/v1/sites/${site}/leads`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
      'CF-Connecting-IP': '198.51.100.20',
    },
    body: JSON.stringify({
      name: 'Sam Jones',
      phone: '(312) 555-0199',
      smsConsent: false,
      ...extra,
    }),
  });

const verified = async () =>
  (await (await fetch(`${providers().control}/turnstile`)).json()) as Array<Record<string, string>>;

describe('Cloudflare Turnstile, when a site turns it on', () => {
  it('hands the widget the site key (never the secret) and refuses leads without a passing token', async () => {
    await putSite(
      'robots',
      siteConfig({ turnstile: { siteKey: '0x4AAAAAAAsitekey', secretKey: SECRET } }),
    );
    const config = await (await call('/v1/sites/robots/config')).text();
    expect(JSON.parse(config).turnstile).toEqual({
      siteKey: '0x4AAAAAAAsitekey',
      scriptUrl: 'https://turnstile.test/api.js?render=explicit',
    });
    expect(config).not.toContain(SECRET);

    const missing = await lead('robots', {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { fields: { turnstileToken: expect.any(String) } },
    });
    expect(await verified()).toHaveLength(0);

    expect((await lead('robots', { turnstileToken: 'bad-token' })).status).toBe(400);

    const key = crypto.randomUUID();
    const ok = await lead('robots', { turnstileToken: 'good-token-1' }, key);
    expect(ok.status).toBe(201);
    const calls = await verified();
    expect(calls.at(-1)).toEqual({
      secret: SECRET,
      response: 'good-token-1',
      idempotency_key: key,
      remoteip: '198.51.100.20',
    });
    // The widget's retry of the same lead is checked under the same idempotency key.
    const again = await lead('robots', { turnstileToken: 'good-token-1' }, key);
    expect(again.status).toBe(201);
    expect((await verified()).at(-1)?.idempotency_key).toBe(key);
  });

  it('accepts the token a plain HTML form sends as cf-turnstile-response', async () => {
    await putSite(
      'robots-form',
      siteConfig({
        allowedOrigins: ['https://acme.example'],
        turnstile: { siteKey: 'k', secretKey: SECRET },
      }),
    );
    const post = (token: string) =>
      call('/v1/sites/robots-form/leads', {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'https://acme.example',
        },
        body: new URLSearchParams({
          name: 'Sam',
          phone: '(312) 555-0199',
          'cf-turnstile-response': token,
          redirect: 'https://acme.example/thanks',
        }).toString(),
      });
    expect(
      new URL((await post('bad')).headers.get('location') ?? '').searchParams.get('fields'),
    ).toBe('turnstileToken');
    expect(
      new URL((await post('good-form')).headers.get('location') ?? '').searchParams.get('lead'),
    ).toMatch(/^ld_/);
  });

  it('changes nothing for a site that does not use it', async () => {
    await putSite('no-robots');
    expect(
      JSON.parse(await (await call('/v1/sites/no-robots/config')).text()).turnstile,
    ).toBeUndefined();
    expect((await lead('no-robots', {})).status).toBe(201);
    expect(await verified()).toHaveLength(0);
  });
});
