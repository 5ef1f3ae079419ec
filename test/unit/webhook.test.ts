import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../worker/notify/errors';
import {
  newWebhookSecret,
  sendWebhook,
  type WebhookEvent,
  webhookUrlProblem,
} from '../../worker/notify/webhook';
import {
  type FakeWebhookReceiver,
  startFakeWebhookReceiver,
} from '../support/fake-webhook-receiver';

const SECRET = newWebhookSecret();
const EVENT: WebhookEvent = {
  id: 'evt_lead_01J9Z',
  type: 'lead.created',
  timestamp: Date.UTC(2026, 2, 14, 15, 9, 26, 535),
  data: { leadId: 'L1', name: 'Pat Homeowner', phone: '+15555550123', message: 'No heat' },
};

let receiver: FakeWebhookReceiver;
beforeAll(async () => {
  receiver = await startFakeWebhookReceiver(SECRET);
});
afterAll(() => receiver.close());
afterEach(() => {
  receiver.received.length = 0;
  receiver.setMode('accept');
  vi.restoreAllMocks();
});

const endpoint = (path = '/hooks/firstcall', secret = SECRET) => ({
  url: `${receiver.url}${path}`,
  secret,
});

/** The error a send rejected with, to assert on its class and fields. */
async function failureOf(send: Promise<unknown>): Promise<unknown> {
  return send.then(
    () => expect.fail('the send should have failed'),
    (err: unknown) => err,
  );
}

describe('sendWebhook', () => {
  it('delivers a Standard Webhooks request that the reference library verifies', async () => {
    const now = Date.now();
    await expect(sendWebhook(endpoint(), EVENT, now)).resolves.toEqual({ providerId: EVENT.id });

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got?.verified).toBe(true);
    expect(got?.status).toBe(204);
    expect(got?.path).toBe('/hooks/firstcall');
    expect(got?.headers['webhook-id']).toBe(EVENT.id);
    expect(got?.headers['webhook-timestamp']).toBe(String(Math.floor(now / 1000)));
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['user-agent']).toBe('FirstCall-Webhooks/1');
    expect(JSON.parse(got?.body ?? '')).toEqual({
      type: 'lead.created',
      timestamp: '2026-03-14T15:09:26.535Z',
      data: EVENT.data,
    });
  });

  it('signs v1,base64(HMAC-SHA256(secret bytes, "id.timestamp.body")) exactly as the spec says', async () => {
    await sendWebhook(endpoint(), EVENT, Date.now());
    const [got] = receiver.received;
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const signed = `${got?.headers['webhook-id']}.${got?.headers['webhook-timestamp']}.${got?.body}`;
    const expected = createHmac('sha256', key).update(signed).digest('base64');
    expect(got?.headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('keeps webhook-id across a retry while webhook-timestamp is the time of each attempt', async () => {
    const first = Date.now();
    await sendWebhook(endpoint(), EVENT, first);
    await sendWebhook(endpoint(), EVENT, first + 90_000);

    const [a, b] = receiver.received;
    expect(a?.verified && b?.verified).toBe(true);
    expect(b?.headers['webhook-id']).toBe(a?.headers['webhook-id']);
    expect(Number(b?.headers['webhook-timestamp']) - Number(a?.headers['webhook-timestamp'])).toBe(
      90,
    );
    expect(b?.headers['webhook-signature']).not.toBe(a?.headers['webhook-signature']);
    expect(b?.body).toBe(a?.body);
  });

  it('is refused by the receiver when signed with another secret', async () => {
    const err = await failureOf(sendWebhook(endpoint('/x', newWebhookSecret()), EVENT, Date.now()));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe('rejected');
    expect(receiver.received[0]).toMatchObject({ verified: false, status: 400 });
    expect(receiver.received[0]?.error).toMatch(/signature/i);
  });

  it('is refused by the receiver when the body is tampered with after signing', async () => {
    await sendWebhook(endpoint(), EVENT, Date.now());
    const [genuine] = receiver.received;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      headers[name] = String(genuine?.headers[name]);
    }
    const tampered = (genuine?.body ?? '').replace('No heat', 'No heat, call 555-0199 instead');

    const replayed = await fetch(`${receiver.url}/hooks/firstcall`, {
      method: 'POST',
      headers,
      body: genuine?.body,
    });
    const forged = await fetch(`${receiver.url}/hooks/firstcall`, {
      method: 'POST',
      headers,
      body: tampered,
    });
    expect(replayed.status).toBe(204);
    expect(forged.status).toBe(400);
    expect(receiver.received[2]?.verified).toBe(false);
  });

  it('is refused by the receiver when the attempt timestamp is stale (replay protection)', async () => {
    const err = await failureOf(sendWebhook(endpoint(), EVENT, Date.now() - 10 * 60_000));
    expect((err as PermanentDeliveryError).reason).toBe('rejected');
    expect(receiver.received[0]?.error).toMatch(/too old/i);
  });

  it('stops for good on 410 Gone: the receiver asked us to stop', async () => {
    receiver.setMode({ status: 410 });
    const err = await failureOf(sendWebhook(endpoint(), EVENT, Date.now()));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe('gone');
  });

  it('retries 429 after the Retry-After the receiver gave', async () => {
    receiver.setMode({ status: 429, headers: { 'Retry-After': '7' } });
    const err = await failureOf(sendWebhook(endpoint(), EVENT, Date.now()));
    expect(err).toBeInstanceOf(RetryableDeliveryError);
    expect((err as RetryableDeliveryError).retryAfterMs).toBe(7000);
  });

  it('retries 408 and 5xx', async () => {
    for (const status of [408, 500, 502, 503]) {
      receiver.setMode({ status, body: 'busy' });
      const err = await failureOf(sendWebhook(endpoint(), EVENT, Date.now()));
      expect(err, `status ${status}`).toBeInstanceOf(RetryableDeliveryError);
    }
  });

  it('rejects for good on any other 4xx, including 404 and 401', async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      receiver.setMode({ status });
      const err = await failureOf(sendWebhook(endpoint(), EVENT, Date.now()));
      expect(err, `status ${status}`).toBeInstanceOf(PermanentDeliveryError);
      expect((err as PermanentDeliveryError).reason, `status ${status}`).toBe('rejected');
    }
  });

  it('does not follow a redirect (it could lead to an internal address)', async () => {
    receiver.setMode({ status: 302, headers: { Location: `${receiver.url}/elsewhere` } });
    const err = await failureOf(sendWebhook(endpoint(), EVENT, Date.now()));
    expect((err as PermanentDeliveryError).reason).toBe('rejected');
    expect(receiver.received.map((r) => r.path)).toEqual(['/hooks/firstcall']);
  });

  it('keeps the URL path out of error messages (Zapier-style URLs hold a secret there)', async () => {
    receiver.setMode({ status: 400 });
    const err = await failureOf(
      sendWebhook(endpoint('/hooks/catch/123/s3cr3t'), EVENT, Date.now()),
    );
    expect((err as Error).message).not.toContain('s3cr3t');
  });

  it('retries when nobody is listening', async () => {
    const gone = await startFakeWebhookReceiver(SECRET);
    const url = gone.url;
    await gone.close();
    const err = await failureOf(sendWebhook({ url, secret: SECRET }, EVENT, Date.now()));
    expect(err).toBeInstanceOf(RetryableDeliveryError);
  });

  it.each([
    ['http://example.com/hook', /https/],
    ['ftp://127.0.0.1/hook', /https/],
    ['not a url', /valid URL/],
    ['https://10.0.0.7/hook', /private/],
    ['https://172.20.1.1/hook', /private/],
    ['https://192.168.1.10/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /private/],
    ['https://100.64.0.1/', /private/],
    ['https://0.0.0.0/', /private/],
    ['https://127.0.0.2/', /private/],
    ['https://3232235777/', /private/], // 192.168.1.1 written as one number
    ['https://0xa000001/', /private/], // 10.0.0.1 in hex
    ['https://[::1]/', /private/],
    ['http://[::1]/', /https/],
    ['https://[fd12:3456::1]/', /private/],
    ['https://[fe80::1]/', /private/],
    ['https://[::ffff:10.0.0.1]/', /private/],
    ['https://[::ffff:127.0.0.1]/', /private/],
    ['https://[64:ff9b::a00:1]/', /private/],
    ['https://api.localhost/', /private/],
  ])('refuses %s without sending anything', async (url, why) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const err = await failureOf(sendWebhook({ url, secret: SECRET }, EVENT, Date.now()));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe('rejected');
    expect((err as Error).message).toMatch(why);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('accepts public https hosts and the loopback test hosts', () => {
    for (const url of [
      'https://hooks.zapier.com/hooks/catch/123/abc/',
      'https://crm.example.com:8443/in',
      'https://8.8.8.8/hook',
      'https://[2606:4700:4700::1111]/hook',
      'http://127.0.0.1:8787/hook',
      'http://localhost:8787/hook',
      'https://localhost/hook',
    ]) {
      expect(webhookUrlProblem(url), url).toBeUndefined();
    }
  });

  it.each([
    ['no prefix', 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0'],
    ['not base64', 'whsec_!!!not*base64!!!'],
    ['too short', `whsec_${btoa('short')}`],
    ['empty', 'whsec_'],
  ])('refuses a malformed secret (%s) as not configured, without a request', async (_, secret) => {
    const err = await failureOf(sendWebhook(endpoint('/x', secret), EVENT, Date.now()));
    expect((err as PermanentDeliveryError).reason).toBe('not_configured');
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses an event id with a dot, which would make the signed string ambiguous', async () => {
    const err = await failureOf(sendWebhook(endpoint(), { ...EVENT, id: 'a.b' }, Date.now()));
    expect((err as PermanentDeliveryError).reason).toBe('rejected');
    expect(receiver.received).toHaveLength(0);
  });
});

describe('newWebhookSecret', () => {
  it('is whsec_ + base64 of 24 random bytes that the reference library accepts', () => {
    const a = newWebhookSecret();
    const b = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(24);
    expect(a).not.toBe(b);
    expect(() => new Webhook(a)).not.toThrow();
  });
});
