import { beforeEach, describe, expect, it } from 'vitest';
import {
  createLead,
  leadOf,
  messagesTo,
  putSite,
  resetFakes,
  siteConfig,
  timeline,
  twilioState,
  twilioWebhook,
  until,
} from './fixtures';

const DANA = '+13125550101';
const LEE = '+13125550102';
const HOMEOWNER = '+13125550199';
const TO = () => '+13125550100';

beforeEach(async () => {
  await resetFakes();
});

const sms = (from: string, body: string, extra: Record<string, string | string[]> = {}) =>
  twilioWebhook('/v1/webhooks/twilio/sms', {
    From: from,
    To: TO(),
    Body: body,
    MessageSid: `SM${crypto.randomUUID().replace(/-/g, '')}`,
    ...extra,
  });

describe('texts to the shared number', () => {
  it('lets a CSR claim their latest alert by replying 1, and tells the next one who has it', async () => {
    await putSite(
      'reply-claim',
      siteConfig({
        onCall: ['dana'],
        escalation: { steps: [{ afterSeconds: 0, notify: ['dana', 'lee'] }], repeat: 0 },
      }),
    );
    const { leadId } = await createLead('reply-claim');
    await until(
      () => messagesTo(LEE),
      (m) => m.length === 1,
      'alert to Lee',
    );
    await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'alert to Dana',
    );

    const lee = await sms(LEE, ' y ');
    expect(lee.status).toBe(200);
    expect(lee.headers.get('content-type')).toContain('text/xml');
    expect(await lee.text()).toContain(
      '<Message>Claimed: Sam Jones (312) 555-0199. Call them now.</Message>',
    );
    expect(await leadOf('reply-claim', leadId)).toMatchObject({
      status: 'claimed',
      claimedBy: 'lee',
    });

    const dana = await sms(DANA, '1', { MediaUrl: ['b', 'a'] });
    expect(await dana.text()).toContain('Nothing is waiting for a claim right now.');
  });

  it('refuses unsigned texts and changes nothing', async () => {
    await putSite('reply-unsigned');
    const { leadId } = await createLead('reply-unsigned');
    await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'alert',
    );
    const res = await twilioWebhook(
      '/v1/webhooks/twilio/sms',
      { From: DANA, To: TO(), Body: '1' },
      { signature: '' },
    );
    expect(res.status).toBe(403);
    expect((await leadOf('reply-unsigned', leadId)).status).toBe('alerted');
  });

  it('honours STOP, START and HELP from a homeowner and keeps their other replies on the timeline', async () => {
    await putSite('optout');
    const first = await createLead('optout');
    await until(
      () => messagesTo(HOMEOWNER),
      (m) => m.length === 1,
      'acknowledgement',
    );

    expect(await (await sms(HOMEOWNER, 'Is 3pm ok?')).text()).not.toContain('<Message>');
    expect(await (await sms(HOMEOWNER, 'help')).text()).toContain(
      '<Message>Acme Heating: we have your service request. Call us at (312) 555-0100. Reply STOP to opt out.</Message>',
    );
    expect(await (await sms(HOMEOWNER, 'STOP')).text()).not.toContain('<Message>');
    const events = await timeline('optout', first.leadId);
    expect(events.find((e) => e.type === 'homeowner_reply')).toMatchObject({ body: 'Is 3pm ok?' });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['sms_help', 'sms_opt_out']));

    // After STOP no acknowledgement text goes to that number, even when they consent on a new form.
    const second = await createLead('optout');
    await until(
      () => timeline('optout', second.leadId),
      (t) => t.some((e) => e.type === 'ack_suppressed'),
      'suppressed ack',
    );
    expect(await messagesTo(HOMEOWNER)).toHaveLength(1);

    await sms(HOMEOWNER, 'START');
    const third = await createLead('optout');
    await until(
      () => timeline('optout', third.leadId),
      (t) => t.some((e) => e.type === 'ack_sent'),
      'ack after START',
    );
    expect(await messagesTo(HOMEOWNER)).toHaveLength(2);
  });

  it('ignores texts from numbers no site has texted', async () => {
    const res = await sms('+13125550177', '1');
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('<Message>');
    expect((await twilioState()).accepted).toHaveLength(0);
  });
});

describe('alert calls', () => {
  const voiceSite = () =>
    siteConfig({
      team: siteConfig().team.map((m) =>
        m.id === 'dana'
          ? {
              ...m,
              notify: [
                { channel: 'voice' as const, afterSeconds: 0 },
                { channel: 'sms' as const, afterSeconds: 600 },
              ],
            }
          : m,
      ),
    });

  it('reads the lead out and connects the CSR who presses 1', async () => {
    await putSite('call-claim', voiceSite());
    const { leadId } = await createLead('call-claim', { urgent: true, service: undefined });
    const calls = await until(
      async () => (await twilioState()).accepted.filter((s) => s.resource === 'Calls'),
      (c) => c.length === 1,
      'a call',
    );
    const twiml = calls[0]?.form.Twiml ?? '';
    expect(twiml).toContain('Acme Heating has an emergency from Sam Jones');
    const action = /action="([^"]+)"/.exec(twiml)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(action).toMatch(
      /^https:\/\/leads\.test\/v1\/webhooks\/twilio\/voice\?site=call-claim&o=\d+&lead=ld_\w+&member=dana$/,
    );
    const url = new URL(action);
    const res = await twilioWebhook(`${url.pathname}${url.search}`, {
      CallSid: calls[0]?.sid ?? '',
      Digits: '1',
    });
    const reply = await res.text();
    expect(reply).toContain(
      '<Say>Claimed. Connecting you to Sam Jones.</Say><Dial action="https://leads.test/v1/webhooks/twilio/dial?',
    );
    expect(reply).toContain('>+13125550199</Dial>');
    expect(await leadOf('call-claim', leadId)).toMatchObject({
      status: 'claimed',
      claimedBy: 'dana',
    });
    // Twilio reports the dial: answered and talked through means the homeowner was reached.
    const dial = new URL((/<Dial action="([^"]+)"/.exec(reply)?.[1] ?? '').replace(/&amp;/g, '&'));
    expect(dial.searchParams.get('lead')).toBe(leadId);
    const done = await twilioWebhook(`${dial.pathname}${dial.search}`, {
      CallSid: calls[0]?.sid ?? '',
      DialCallStatus: 'completed',
      DialCallDuration: '95',
    });
    expect(done.status).toBe(200);
    expect(await leadOf('call-claim', leadId)).toMatchObject({ status: 'contacted' });
  });

  it('moves on to the next channel when the CSR presses anything else', async () => {
    await putSite('call-decline', voiceSite());
    const { leadId } = await createLead('call-decline', { urgent: true });
    const calls = await until(
      async () => (await twilioState()).accepted.filter((s) => s.resource === 'Calls'),
      (c) => c.length === 1,
      'a call',
    );
    const url = new URL(
      (/action="([^"]+)"/.exec(calls[0]?.form.Twiml ?? '')?.[1] ?? '').replace(/&amp;/g, '&'),
    );
    const res = await twilioWebhook(`${url.pathname}${url.search}`, {
      CallSid: calls[0]?.sid ?? '',
      Digits: '9',
    });
    expect(await res.text()).toContain('We will alert someone else');
    await until(
      () => messagesTo(DANA),
      (m) => m.length === 1,
      'SMS after the declined call',
    );
    expect((await leadOf('call-decline', leadId)).status).toBe('alerted');
  });
});
