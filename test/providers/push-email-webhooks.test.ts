import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ADMIN,
  call,
  createLead,
  emailState,
  messagesTo,
  providers,
  pushReceived,
  pushSubscription,
  putSite,
  resetFakes,
  runAlarm,
  setPushMode,
  siteConfig,
  timeline,
  until,
  webhooksReceived,
} from './fixtures';

const DANA = '+13125550101';

beforeEach(async () => {
  await resetFakes();
});
afterEach(() => {
  vi.useRealTimers();
});

async function subscribeDana(site: string): Promise<string> {
  const res = await call(`/v1/admin/sites/${site}/members/dana/push-subscriptions`, {
    method: 'POST',
    headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify(await pushSubscription()),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('Web Push', () => {
  it('pushes an encrypted, VAPID-signed alert first and texts 30 s later only if it was not opened', async () => {
    await putSite('push');
    await subscribeDana('push');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const unopened = await createLead('push', { name: 'Zoë Nguyễn' });
    const [push] = await until(pushReceived, (r) => r.length === 1, 'a push');
    expect(push?.vapid.ok).toBe(true);
    expect(push?.decrypted?.ok).toBe(true);
    const payload = JSON.parse(push?.decrypted?.value ?? '{}') as {
      title: string;
      body: string;
      url: string;
      urgent: boolean;
    };
    expect(payload.title).toBe('New lead for Acme Heating');
    expect(payload.body).toContain('Zoë Nguyễn');
    expect(payload.url).toMatch(/^https:\/\/leads\.test\/c\/[A-Za-z0-9_.-]+\?via=push$/);
    expect(push?.headers.urgency).toBe('normal');
    expect(await messagesTo(DANA)).toHaveLength(0);

    // A second lead whose push Dana opens: no text follows it.
    const opened = await createLead('push', { name: 'Pat Doe' });
    const pushes = await until(pushReceived, (r) => r.length === 2, 'second push');
    const openedUrl = new URL(JSON.parse(pushes[1]?.decrypted?.value ?? '{}').url);
    expect((await call(`${openedUrl.pathname}${openedUrl.search}`)).status).toBe(200);

    vi.setSystemTime(t0 + 31_000);
    await runAlarm('push');
    const texts = await until(
      () => messagesTo(DANA),
      (m) => m.length >= 1,
      'the 30 s text',
    );
    expect(texts).toHaveLength(1);
    expect(texts[0]?.form.Body).toContain('Zoë Nguyễn');
    expect(
      (await timeline('push', opened.leadId)).find((e) => e.type === 'alert_skipped'),
    ).toMatchObject({ channel: 'sms', reason: 'opened' });
    expect(
      (await timeline('push', unopened.leadId))
        .filter((e) => e.type === 'alert_sent')
        .map((e) => e.channel),
    ).toEqual(['push', 'sms']);
  });

  it('removes a subscription the push service says is gone and texts at once instead', async () => {
    await putSite('push-gone');
    await subscribeDana('push-gone');
    await setPushMode('gone');
    vi.useFakeTimers({ toFake: ['Date'] });
    const { leadId } = await createLead('push-gone');
    // No clock advance: the text follows the failed push straight away.
    await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'fallback text',
    );
    const events = await timeline('push-gone', leadId);
    expect(events.find((e) => e.type === 'delivery_failed')).toMatchObject({
      channel: 'push',
      reason: 'gone',
    });
    expect(events.map((e) => e.type)).toContain('push_subscription_removed');

    const again = await createLead('push-gone');
    await until(
      () => messagesTo(DANA),
      (m) => m.length === 2,
      'second text',
    );
    expect(await pushReceived()).toHaveLength(1);
    expect(
      (await timeline('push-gone', again.leadId)).find((e) => e.type === 'alert_fallback'),
    ).toMatchObject({ from: 'push', to: 'sms', reason: 'no push for this member' });
  });
});

describe('turning on push from a claim link', () => {
  it('lets the CSR who opened an alert subscribe this phone, and pushes the next lead there', async () => {
    await putSite('push-from-link');
    await createLead('push-from-link');
    const [alert] = await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'first alert by text',
    );
    const token = /\/c\/([A-Za-z0-9_.-]+)/.exec(alert?.form.Body ?? '')?.[1] ?? '';

    const page = await call(`/c/${token}`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain(`data-vapid="${providers().push.vapidPublicKey}"`);
    expect(html).toContain('<script src="/claim-push.js" defer></script>');
    const sw = await call('/sw.js');
    expect(sw.headers.get('content-type')).toContain('javascript');
    expect(await sw.text()).toContain("addEventListener('notificationclick'");

    const subscription = JSON.stringify(await pushSubscription());
    const foreign = await call(`/c/${token}/push`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: subscription,
    });
    expect(foreign.status).toBe(403);
    const bad = await call(`/c/${token}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"endpoint":"nope"}',
    });
    expect(bad.status).toBe(400);
    const ok = await call(`/c/${token}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
      body: subscription,
    });
    expect(ok.status).toBe(201);

    await createLead('push-from-link', { name: 'Second Lead' });
    const [push] = await until(
      pushReceived,
      (r) => r.length === 1,
      'a push to the new subscription',
    );
    expect(JSON.parse(push?.decrypted?.value ?? '{}').body).toContain('Second Lead');
  });
});

describe('email', () => {
  it('emails a member whose rules ask for it, through the Resend API with an idempotency key', async () => {
    await putSite(
      'email',
      siteConfig({
        team: siteConfig().team.map((m) =>
          m.id === 'dana' ? { ...m, notify: [{ channel: 'email' as const, afterSeconds: 0 }] } : m,
        ),
      }),
    );
    const { leadId } = await createLead('email', { urgent: true });
    const { sent } = await until(emailState, (s) => s.sent.length === 1, 'an email');
    expect(sent[0]?.payload).toMatchObject({
      to: ['dana@acme.example'],
      from: 'FirstCall <alerts@firstcall.test>',
      subject: 'New lead for Acme Heating: Sam Jones (EMERGENCY)',
    });
    expect(String(sent[0]?.payload.text)).toMatch(/Claim: https:\/\/leads\.test\/c\//);
    expect(sent[0]?.idempotencyKey).toMatch(new RegExp(`^alert:${leadId}:0:dana:email:`));
    expect(await messagesTo(DANA)).toHaveLength(0);
  });
});

describe('outgoing webhooks', () => {
  it('signs every lead event per Standard Webhooks, verified by the receiver with the standardwebhooks library', async () => {
    const { url, secret } = providers().webhooks;
    await putSite('hooks', siteConfig({ webhooks: [{ id: 'crm', url: `${url}/crm`, secret }] }));
    const { leadId } = await createLead('hooks');
    const [alert] = await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'alert',
    );
    const token = /\/c\/([A-Za-z0-9_.-]+)/.exec(alert?.form.Body ?? '')?.[1];
    expect((await call(`/c/${token}`, { method: 'POST' })).status).toBe(200);
    const received = await until(webhooksReceived, (r) => r.length === 2, 'two events');
    expect(received.every((r) => r.verified && r.status === 204)).toBe(true);
    const bodies = received.map(
      (r) => JSON.parse(r.body) as { type: string; data: { lead: { id: string; phone: string } } },
    );
    expect(bodies.map((b) => b.type).sort()).toEqual(['lead.claimed', 'lead.received']);
    expect(bodies[0]?.data.lead).toMatchObject({ id: leadId, phone: '+13125550199' });
    expect(new Set(received.map((r) => r.id)).size).toBe(2);
  });
});
