import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLead,
  leadOf,
  messagesTo,
  providers,
  putSite,
  resetFakes,
  siteConfig,
  timeline,
  twilioState,
  twilioWebhook,
  until,
} from './fixtures';

const DANA = '+13125550101';
const HOMEOWNER = '+13125550199';

beforeEach(async () => {
  await resetFakes();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SMS through Twilio', () => {
  it('texts the alert and the acknowledgement through the Messages API, with status callbacks', async () => {
    await putSite('sms');
    const { leadId } = await createLead('sms');
    const { accepted } = await until(twilioState, (s) => s.accepted.length >= 2, 'two texts');
    const alert = accepted.find((s) => s.form.To === DANA);
    const ack = accepted.find((s) => s.form.To === HOMEOWNER);
    expect(alert?.resource).toBe('Messages');
    expect(alert?.form.From).toBe(providers().twilio.fromNumber);
    expect(alert?.form.Body).toMatch(/^New lead for Acme Heating: Sam Jones \+13125550199/);
    expect(alert?.form.Body).toMatch(/Claim: https:\/\/leads\.test\/c\/[A-Za-z0-9_.-]+/);
    expect(alert?.form.StatusCallback).toMatch(
      /^https:\/\/leads\.test\/v1\/webhooks\/twilio\/status\?site=sms&o=\d+$/,
    );
    expect(alert?.token).toMatch(/^alert:/);
    expect(ack?.form.Body).toContain('Reply STOP to opt out.');
    const events = await until(
      () => timeline('sms', leadId),
      (t) => t.filter((e) => e.type.endsWith('_sent')).length >= 2,
      'sent events',
    );
    expect(events.find((e) => e.type === 'alert_sent')).toMatchObject({
      memberId: 'dana',
      channel: 'sms',
      providerId: alert?.sid,
    });
  });

  it('records delivery receipts signed by Twilio and refuses unsigned or wrongly signed ones', async () => {
    await putSite('receipts');
    const { leadId } = await createLead('receipts');
    const [alert] = await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'alert',
    );
    const callback = new URL(alert?.form.StatusCallback ?? '');
    const path = `${callback.pathname}${callback.search}`;
    const params = {
      MessageSid: alert?.sid ?? '',
      MessageStatus: 'delivered',
      To: DANA,
      AccountSid: providers().twilio.accountSid,
    };

    expect((await twilioWebhook(path, params, { signature: '' })).status).toBe(403);
    expect((await twilioWebhook(path, params, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(
      403,
    );
    // A valid signature for other parameters does not carry over.
    const forged = await twilioWebhook(
      path,
      { ...params, MessageStatus: 'failed' },
      { signature: await signatureFor(path, params) },
    );
    expect(forged.status).toBe(403);
    expect((await timeline('receipts', leadId)).some((e) => e.type === 'delivery_status')).toBe(
      false,
    );

    expect((await twilioWebhook(path, params)).status).toBe(204);
    const events = await timeline('receipts', leadId);
    expect(events.filter((e) => e.type === 'delivery_status')).toEqual([
      expect.objectContaining({ memberId: 'dana', channel: 'sms', status: 'delivered' }),
    ]);
    // Twilio repeats callbacks; the same status is recorded once.
    expect((await twilioWebhook(path, params)).status).toBe(204);
    expect(
      (await timeline('receipts', leadId)).filter((e) => e.type === 'delivery_status'),
    ).toHaveLength(1);
  });

  it('moves an undelivered emergency alert to a phone call at once', async () => {
    await putSite('undelivered');
    const { leadId } = await createLead('undelivered', { urgent: true });
    const [alert] = await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'alert',
    );
    const callback = new URL(alert?.form.StatusCallback ?? '');
    const res = await twilioWebhook(`${callback.pathname}${callback.search}`, {
      MessageSid: alert?.sid ?? '',
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
    });
    expect(res.status).toBe(204);
    const calls = await until(
      async () => (await twilioState()).accepted.filter((s) => s.resource === 'Calls'),
      (c) => c.length === 1,
      'a call',
    );
    expect(calls[0]?.form.To).toBe(DANA);
    expect(calls[0]?.form.Twiml).toContain('<Gather numDigits="1"');
    const fallbacks = (await timeline('undelivered', leadId)).filter(
      (e) => e.type === 'alert_fallback',
    );
    expect(fallbacks.map((e) => `${e.from}>${e.to}`)).toEqual(['push>sms', 'sms>voice']);
  });

  it('fails over to the next rule when Twilio refuses a number for good', async () => {
    await putSite(
      'refused',
      siteConfig({
        team: siteConfig().team.map((m) =>
          m.id === 'dana'
            ? {
                ...m,
                notify: [
                  { channel: 'sms', afterSeconds: 0 },
                  { channel: 'email', afterSeconds: 600 },
                ],
              }
            : m,
        ),
      }),
    );
    await fetch(`${providers().control}/twilio/faults`, {
      method: 'POST',
      body: JSON.stringify({ invalid: [DANA] }),
    });
    const { leadId } = await createLead('refused');
    const events = await until(
      () => timeline('refused', leadId),
      (t) => t.some((e) => e.type === 'alert_sent' && e.channel === 'email'),
      'email fallback',
    );
    expect(events.find((e) => e.type === 'delivery_failed')).toMatchObject({
      channel: 'sms',
      reason: 'invalid_recipient',
    });
    expect((await leadOf('refused', leadId)).status).toBe('alerted');
  });
});

async function signatureFor(path: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${providers().control}/twilio/sign`, {
    method: 'POST',
    body: JSON.stringify({ url: `https://leads.test${path}`, params }),
  });
  return ((await res.json()) as { signature: string }).signature;
}
