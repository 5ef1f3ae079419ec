import { env, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  HOST,
  leadBody,
  leadDetail,
  outbox,
  postLead,
  putSite,
  settledOutbox,
  siteConfig,
} from './fixtures';

const leadCount = (site: string): Promise<number> =>
  runInDurableObject(env.SITE.getByName(site), (_o, state) =>
    Number(state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM leads').one().n),
  );

beforeAll(async () => {
  expect((await putSite('acme')).status).toBe(201);
});

describe('POST /v1/sites/:site/leads', () => {
  it('stores the lead, answers with an honest acknowledgement, texts the homeowner and alerts the assignee', async () => {
    const res = await postLead('acme', leadBody());
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(HOST);
    const body = (await res.json()) as {
      leadId: string;
      status: string;
      ack: { message: string; respondBy: string };
    };
    expect(body.leadId).toMatch(/^ld_[a-z2-9]{16}$/);
    expect(body.status).toBe('alerted');
    expect(body.ack.message).toMatch(
      /^Thanks, Sam! Dana at Acme Heating will call you by \d{1,2}:\d\d [AP]M\.$/,
    );
    const wait = Date.parse(body.ack.respondBy) - Date.now();
    expect(wait).toBeGreaterThan(4 * 60_000);
    expect(wait).toBeLessThanOrEqual(5 * 60_000);

    const detail = await leadDetail('acme', body.leadId);
    expect(detail.lead).toMatchObject({
      phone: '+16175550199',
      status: 'alerted',
      assigneeId: 'dana',
      smsConsent: true,
    });
    expect(detail.lead.page).toMatchObject({
      url: `${HOST}/furnace?utm_source=google&gclid=abc`,
      utm: { source: 'google' },
      gclid: 'abc',
    });
    expect(detail.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['received', 'assigned', 'ack_queued', 'alert_queued']),
    );

    const sent = await settledOutbox(body.leadId, 2);
    const ack = sent.find((e) => e.kind === 'sms-ack');
    const alert = sent.find((e) => e.kind === 'csr-alert');
    expect(ack).toMatchObject({ channel: 'sms', to: '+16175550199', site: 'acme' });
    expect(ack?.body).toContain('Reply STOP');
    expect(alert).toMatchObject({ channel: 'sms', to: '+16175550101', memberId: 'dana' });
    expect(alert?.body).toContain('Sam Jones');
    expect(alert?.body).toMatch(/https:\/\/leads\.test\/c\/[A-Za-z0-9_.-]+/);
  });

  it('assigns leads to the on-call members in turn', async () => {
    await putSite('rr');
    const assignees: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await postLead('rr', leadBody());
      const { leadId } = (await res.json()) as { leadId: string };
      assignees.push((await leadDetail('rr', leadId)).lead.assigneeId);
    }
    expect(assignees).toEqual(['dana', 'lee', 'dana', 'lee']);
  });

  it('sends no text to a homeowner who did not consent', async () => {
    const res = await postLead('acme', leadBody({ smsConsent: false }));
    const { leadId } = (await res.json()) as { leadId: string };
    const sent = await settledOutbox(leadId, 1);
    expect(sent.map((e) => e.kind)).toEqual(['csr-alert']);
  });

  it('makes one lead and one alert for one Idempotency-Key, whatever the retries', async () => {
    await putSite('idem');
    const key = crypto.randomUUID();
    const first = await postLead('idem', leadBody(), key);
    const firstBody = await first.json();
    const again = await postLead('idem', leadBody(), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    const racing = await Promise.all(
      Array.from({ length: 8 }, () => postLead('idem', leadBody(), key)),
    );
    for (const r of racing) expect(await r.json()).toEqual(firstBody);
    expect(await leadCount('idem')).toBe(1);
    const { leadId } = firstBody as { leadId: string };
    await settledOutbox(leadId, 2);
    expect((await outbox(leadId)).filter((e) => e.kind === 'csr-alert')).toHaveLength(1);
  });

  it('refuses a reused Idempotency-Key carrying a different lead (409)', async () => {
    const key = crypto.randomUUID();
    expect((await postLead('acme', leadBody(), key)).status).toBe(201);
    const res = await postLead('acme', leadBody({ name: 'Someone Else' }), key);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict' } });
  });

  it('answers 400 naming every invalid field, and stores nothing', async () => {
    await putSite('invalid');
    const res = await postLead('invalid', {
      name: '',
      phone: '12',
      email: 'nope',
      zip: '!',
      preferredContact: 'fax',
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as {
      error: { code: string; fields: Record<string, string> };
    };
    expect(error.code).toBe('invalid_request');
    expect(Object.keys(error.fields).sort()).toEqual([
      'email',
      'name',
      'preferredContact',
      'smsConsent',
      'zip',
    ]);

    const phone = await postLead('invalid', leadBody({ phone: '555-0000-1' }));
    expect(phone.status).toBe(400);
    expect(await phone.json()).toMatchObject({ error: { fields: { phone: expect.any(String) } } });

    const service = await postLead('invalid', leadBody({ service: 'Roof replacement' }));
    expect(await service.json()).toMatchObject({
      error: { fields: { service: expect.any(String) } },
    });

    expect((await postLead('invalid', '{not json')).status).toBe(400);
    expect((await postLead('invalid', leadBody(), 'short')).status).toBe(400);
    const huge = await postLead('invalid', leadBody({ message: 'x'.repeat(40_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await leadCount('invalid')).toBe(0);
  });

  it('answers 404 for an unknown or malformed site', async () => {
    for (const site of ['nobody-here', 'Bad_Site!']) {
      const res = await postLead(site, leadBody());
      expect(res.status).toBe(404);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.json()).toMatchObject({ error: { code: 'site_not_found' } });
    }
    expect((await postLead('nobody-here', leadBody(), crypto.randomUUID(), null)).status).toBe(404);
  });

  it('answers 403 to a page whose origin the site does not allow, and stores nothing', async () => {
    await putSite('origins');
    const res = await postLead('origins', leadBody(), crypto.randomUUID(), 'https://evil.example');
    expect(res.status).toBe(403);
    // Readable by the refused page, so the widget can tell a refusal from a network error.
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect(await leadCount('origins')).toBe(0);
    // A wildcard entry admits subdomains, not look-alikes.
    expect(
      (
        await postLead(
          'origins',
          leadBody(),
          crypto.randomUUID(),
          'https://www.acme-heating.example',
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await postLead(
          'origins',
          leadBody(),
          crypto.randomUUID(),
          'https://acme-heating.example.evil.com',
        )
      ).status,
    ).toBe(403);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      call('/v1/sites/acme/leads', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,idempotency-key',
        },
      });
    const ok = await preflight(HOST);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(ok.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect((await preflight('https://evil.example')).status).toBe(403);
  });
});

describe('GET /v1/sites/:site/config', () => {
  it('gives the widget what it needs and nothing about the team', async () => {
    const res = await call('/v1/sites/acme/config', { headers: { Origin: HOST } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      site: 'acme',
      name: 'Acme Heating',
      phone: '+16175550100',
      services: siteConfig().services,
      consentText: siteConfig().consentText,
      brandColor: '#0b5fff',
      launcherText: 'Request service',
      responseMinutes: 5,
      openNow: true,
    });
    expect(text).not.toMatch(/dana|5550101|escalation/i);
    expect((await call('/v1/sites/unknown-site/config')).status).toBe(404);
  });
});

describe('POST /v1/sites/:site/events', () => {
  it('accepts a call-click beacon sent as text/plain, with attribution', async () => {
    const res = await call('/v1/sites/acme/events', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: HOST },
      body: JSON.stringify({
        type: 'call_click',
        page: { url: `${HOST}/?utm_source=yelp`, utm: { source: 'yelp' } },
      }),
    });
    expect(res.status).toBe(202);
    const stored = await runInDurableObject(env.SITE.getByName('acme'), (_o, state) =>
      state.storage.sql
        .exec<{ data: string }>("SELECT data FROM events WHERE type = 'widget.call_click'")
        .toArray(),
    );
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]?.data ?? '{}')).toMatchObject({
      page: { utm: { source: 'yelp' } },
    });
    const bad = await call('/v1/sites/acme/events', {
      method: 'POST',
      body: JSON.stringify({ type: 'explode' }),
    });
    expect(bad.status).toBe(400);
    expect(
      (await call('/v1/sites/nope-site/events', { method: 'POST', body: '{"type":"call_click"}' }))
        .status,
    ).toBe(404);
  });
});
