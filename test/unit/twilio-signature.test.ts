import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import {
  parseForm,
  twilioSignature,
  validTwilioSignature,
} from '../../worker/notify/twilio-signature';

const TOKEN = '12345abcdef';

// Signatures computed by Twilio's own library are the reference our webhook check must accept.
describe('Twilio webhook signatures', () => {
  const cases: Array<[string, string, Record<string, string | string[]>]> = [
    [
      'plain form',
      'https://leads.example.com/v1/webhooks/twilio/sms',
      { From: '+13125550101', To: '+13125550100', Body: '1' },
    ],
    [
      'query string',
      'https://leads.example.com/v1/webhooks/twilio/status?site=acme&o=42',
      { MessageStatus: 'delivered', MessageSid: 'SM123' },
    ],
    [
      'repeated fields',
      'https://leads.example.com/v1/webhooks/twilio/sms?x=1',
      {
        Body: 'hi',
        MediaUrl: ['https://b.example/2', 'https://a.example/1', 'https://a.example/1'],
      },
    ],
    [
      'unicode',
      'https://leads.example.com/v1/webhooks/twilio/sms',
      { Body: 'Zoë – 🔥 ça va?', From: '+447700900123' },
    ],
    [
      'no parameters',
      'https://leads.example.com/v1/webhooks/twilio/voice?lead=ld_x&member=dana',
      {},
    ],
  ];

  for (const [name, url, params] of cases) {
    it(`matches twilio.getExpectedTwilioSignature: ${name}`, () => {
      const reference = twilio.getExpectedTwilioSignature(TOKEN, url, params);
      expect(twilioSignature(TOKEN, url, params)).toBe(reference);
      expect(validTwilioSignature(TOKEN, url, params, reference)).toBe(true);
      expect(twilio.validateRequest(TOKEN, twilioSignature(TOKEN, url, params), url, params)).toBe(
        true,
      );
    });
  }

  it('refuses another token, another URL, changed parameters and a missing signature', () => {
    const url = 'https://leads.example.com/v1/webhooks/twilio/sms';
    const params = { From: '+13125550101', Body: '1' };
    const good = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    expect(validTwilioSignature('other-token', url, params, good)).toBe(false);
    expect(validTwilioSignature(TOKEN, `${url}?site=evil`, params, good)).toBe(false);
    expect(validTwilioSignature(TOKEN, url, { ...params, Body: 'Y' }, good)).toBe(false);
    expect(validTwilioSignature(TOKEN, url, params, undefined)).toBe(false);
    expect(validTwilioSignature('', url, params, good)).toBe(false);
  });

  it('accepts the URL with or without the default port, as Twilio may sign either', () => {
    const params = { Body: '1' };
    const withPort = twilio.getExpectedTwilioSignature(
      TOKEN,
      'https://leads.example.com:443/v1/webhooks/twilio/sms',
      params,
    );
    expect(
      validTwilioSignature(
        TOKEN,
        'https://leads.example.com/v1/webhooks/twilio/sms',
        params,
        withPort,
      ),
    ).toBe(true);
    const other = twilio.getExpectedTwilioSignature(
      TOKEN,
      'https://leads.example.com:8443/v1/webhooks/twilio/sms',
      params,
    );
    expect(
      validTwilioSignature(
        TOKEN,
        'https://leads.example.com/v1/webhooks/twilio/sms',
        params,
        other,
      ),
    ).toBe(false);
  });

  it('reads repeated form fields as Twilio sends them', () => {
    expect(parseForm('Body=a%20b&MediaUrl=1&MediaUrl=2&To=%2B1312')).toEqual({
      Body: 'a b',
      MediaUrl: ['1', '2'],
      To: '+1312',
    });
  });
});
