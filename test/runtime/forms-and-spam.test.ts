import { env, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, HOST, leadBody, leadDetail, outbox, postLead, putSite } from './fixtures';

const leadCount = (): Promise<number> =>
  runInDurableObject(env.SITE.getByName('forms'), (_o, state) =>
    Number(state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM leads').one().n),
  );

beforeAll(async () => {
  await putSite('forms');
});

const formPost = (fields: Record<string, string>, origin: string | null = HOST) =>
  call('/v1/sites/forms/leads', {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Referer: `${HOST}/contact`,
      ...(origin ? { Origin: origin } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });

describe('a plain HTML form (no JavaScript)', () => {
  const fields = {
    name: 'Zoë Nguyễn',
    phone: '617 555 0199',
    service: 'Plumbing',
    message: 'Leak 💧',
    urgent: 'on',
    smsConsent: 'on',
    website: '',
  };

  it("stores the lead and redirects to the contractor's thank-you page", async () => {
    const res = await formPost({ ...fields, redirect: `${HOST}/thanks?src=form` });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${HOST}/thanks`);
    expect(location.searchParams.get('src')).toBe('form');
    const leadId = location.searchParams.get('lead') ?? '';
    const { lead } = await leadDetail('forms', leadId);
    expect(lead).toMatchObject({
      name: 'Zoë Nguyễn',
      phone: '+16175550199',
      urgent: true,
      smsConsent: true,
      message: 'Leak 💧',
      page: { url: `${HOST}/contact` },
    });
  });

  it('sends invalid input back to the form page with the fields named, storing nothing', async () => {
    const leadsBefore = await leadCount();
    const res = await formPost({ name: '', phone: 'abc', redirect: `${HOST}/contact` });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid');
    expect(location.searchParams.get('fields')?.split(',')).toEqual(['name']);
    const phoneOnly = await formPost({ name: 'Sam', phone: 'abc', redirect: `${HOST}/contact` });
    expect(new URL(phoneOnly.headers.get('location') ?? '').searchParams.get('fields')).toBe(
      'phone',
    );
    expect(await leadCount()).toBe(leadsBefore);
  });

  it('never redirects to a site that is not allowed, and shows a hosted page instead', async () => {
    const res = await formPost({ ...fields, redirect: 'https://evil.example/phish' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Request sent');
    const bad = await formPost({ name: 'Sam', phone: 'nope', smsConsent: 'on' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Mobile phone');
  });

  it('refuses a form posted from a page the site does not allow', async () => {
    expect((await formPost(fields, 'https://evil.example')).status).toBe(403);
  });
});

describe('spam signals', () => {
  it('keeps a lead whose honeypot is filled, answers as usual, and alerts nobody', async () => {
    const res = await postLead('forms', leadBody({ website: 'http://cheap-pills.example' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { leadId: string; status: string; ack: { message: string } };
    expect(body.status).toBe('received');
    expect(body.ack.message).toContain('Thanks, Sam');
    const detail = await leadDetail('forms', body.leadId);
    expect(detail.lead.status).toBe('spam');
    expect(detail.timeline.find((e) => e.type === 'spam_detected')).toMatchObject({
      reason: 'honeypot',
    });
    expect(await outbox(body.leadId)).toEqual([]);
  });

  it('treats a form sent faster than a person can type as spam, and a normal one as a lead', async () => {
    const fast = (await (await postLead('forms', leadBody({ fillMs: 300 }))).json()) as {
      leadId: string;
    };
    expect(
      (await leadDetail('forms', fast.leadId)).timeline.find((e) => e.type === 'spam_detected'),
    ).toMatchObject({ reason: 'too_fast' });
    const human = (await (
      await postLead('forms', leadBody({ fillMs: 45_000, website: '' }))
    ).json()) as { leadId: string; status: string };
    expect(human.status).toBe('alerted');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After to a visitor who sends too much, and not to the next visitor', async () => {
    await putSite('limits');
    const send = (ip: string) =>
      call('/v1/sites/limits/events', {
        method: 'POST',
        headers: { 'CF-Connecting-IP': ip, Origin: HOST },
        body: JSON.stringify({ type: 'form_open' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await send('203.0.113.9')).status);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const limited = await send('203.0.113.9');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await send('2001:db8:1:2:aaaa::1')).status).toBe(202);
    // A lead from a limited visitor is refused before anything is stored.
    const lead = await call('/v1/sites/limits/leads', {
      method: 'POST',
      headers: {
        'CF-Connecting-IP': '203.0.113.9',
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify(leadBody()),
    });
    expect(lead.status).toBe(429);
  });
});

describe('consent record', () => {
  it('keeps the exact disclosure text, its hash, the time, the page and the IP with each consenting lead', async () => {
    const res = await call('/v1/sites/forms/leads', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        Origin: HOST,
        'CF-Connecting-IP': '198.51.100.7',
      },
      body: JSON.stringify(leadBody()),
    });
    const { leadId } = (await res.json()) as { leadId: string };
    const consent = (await leadDetail('forms', leadId)).timeline.find(
      (e) => e.type === 'sms_consent',
    );
    const { siteConfig } = await import('./fixtures');
    const text = siteConfig().consentText;
    const digest = Array.from(
      new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
      (b) => b.toString(16).padStart(2, '0'),
    ).join('');
    expect(consent).toMatchObject({
      text,
      sha256: digest,
      pageUrl: `${HOST}/furnace?utm_source=google&gclid=abc`,
      ip: '198.51.100.7',
    });
    expect(Number.isNaN(Date.parse(String(consent?.at)))).toBe(false);

    const none = (await (await postLead('forms', leadBody({ smsConsent: false }))).json()) as {
      leadId: string;
    };
    expect(
      (await leadDetail('forms', none.leadId)).timeline.some((e) => e.type === 'sms_consent'),
    ).toBe(false);
  });
});

describe('text the homeowner typed', () => {
  it('keeps every letter and emoji and strips control characters and direction overrides', async () => {
    const name = "Zoë Nguyễn O'Brien-Łukasz 👩‍🔧";
    const res = await postLead(
      'forms',
      leadBody({ name: `${name}\u0000\u0007\u202e`, message: 'Line one\nLine\u0008 two\u2066 🔥' }),
    );
    expect(res.status).toBe(201);
    const { leadId } = (await res.json()) as { leadId: string };
    const { lead } = await leadDetail('forms', leadId);
    expect(lead.name).toBe(name);
    expect(lead.message).toBe('Line one\nLine two 🔥');
  });
});
