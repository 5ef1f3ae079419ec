import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../worker/notify/errors';
import { type PushMessage, sendWebPush } from '../../worker/notify/web-push';
import {
  checkVapid,
  createSubscriber,
  createVapidKeys,
  decryptAes128gcm,
  type FakePushService,
  type Subscriber,
  startFakePushService,
  subscriptionFor,
} from '../support/fake-push-service';

const SUBJECT = 'mailto:alerts@firstcall.example';
const MESSAGE: PushMessage = {
  title: 'New lead: Zoë – 🔥',
  body: 'Zoë Ångström: “water heater leaking” — call back within 5 min',
  url: 'https://firstcall.example/c/abc123?sig=x',
  tag: 'lead-42',
  urgent: true,
};

let vapid: { publicKey: string; privateKey: string; subject: string };
let subscriber: Subscriber;
let service: FakePushService;
let endpoint: string;

beforeEach(async () => {
  vapid = { ...createVapidKeys(), subject: SUBJECT };
  subscriber = createSubscriber();
  service = await startFakePushService({
    vapidPublicKey: vapid.publicKey,
    subject: SUBJECT,
    subscriber,
  });
  endpoint = `${service.url}/push/sub-1`;
});

afterEach(async () => {
  vi.restoreAllMocks();
  await service.close();
});

const send = (overrides: { ttlSeconds?: number; topic?: string; now?: number } = {}) =>
  sendWebPush(vapid, subscriptionFor(endpoint, subscriber), MESSAGE, {
    ttlSeconds: 120,
    now: Date.now(),
    ...overrides,
  });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the send to fail'),
    (err: unknown) => err,
  );
}

describe('sendWebPush against a local push service', () => {
  it('sends a VAPID-signed, aes128gcm-encrypted push the browser can open', async () => {
    const now = Date.now();
    const result = await send({ now, topic: 'lead-42' });

    expect(service.received).toHaveLength(1);
    const push = service.received[0];
    expect(push?.path).toBe('/push/sub-1');
    expect(push?.vapid).toEqual({
      ok: true,
      value: { aud: service.url, exp: Math.floor(now / 1000) + 12 * 3600, sub: SUBJECT },
    });
    expect(push?.headers.authorization).toMatch(new RegExp(`, k=${vapid.publicKey}$`));
    expect(push?.decrypted).toEqual({ ok: true, value: expect.any(String) });
    const text = push?.decrypted?.ok ? push.decrypted.value : '';
    expect(JSON.parse(text)).toEqual(MESSAGE);
    expect(push?.headers).toMatchObject({
      ttl: '120',
      urgency: 'high',
      topic: 'lead-42',
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
    });
    // Padded to one full 4096-octet record so the length says nothing about the lead.
    expect(push?.body.length).toBe(4096);
    expect(result.providerId).toBe(`${service.url}/message/1`);
  });

  it('marks a routine push normal and sends no Topic unless asked', async () => {
    await sendWebPush(
      vapid,
      subscriptionFor(endpoint, subscriber),
      { ...MESSAGE, urgent: false },
      {
        ttlSeconds: 0,
        now: Date.now(),
      },
    );
    const headers = service.received[0]?.headers;
    expect(headers?.urgency).toBe('normal');
    expect(headers?.ttl).toBe('0');
    expect(headers).not.toHaveProperty('topic');
  });

  it('encrypts for the subscription it is given: other keys cannot open it', async () => {
    const stranger = createSubscriber();
    await sendWebPush(vapid, subscriptionFor(endpoint, stranger), MESSAGE, {
      ttlSeconds: 60,
      now: Date.now(),
    });
    const body = service.received[0]?.body ?? Buffer.alloc(0);
    expect(service.received[0]?.decrypted).toMatchObject({ ok: false });
    expect(decryptAes128gcm(body, stranger)).toMatchObject({ ok: true });
    // The auth secret is part of the key derivation: right ECDH key, wrong secret still fails.
    expect(decryptAes128gcm(body, { ...stranger, auth: subscriber.auth })).toMatchObject({
      ok: false,
    });
  });

  it('signs so that a tampered token no longer verifies', async () => {
    await send();
    const header = service.received[0]?.headers.authorization ?? '';
    const [scheme, claims, rest] = header.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ aud: service.url, exp: 9_999_999_999, sub: SUBJECT }),
    ).toString('base64url');
    expect(claims).not.toBe(forged);
    expect(checkVapid(`${scheme}.${forged}.${rest}`, service.url, {})).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signature'),
    });
  });

  it('is refused by the push service when signed with keys it does not expect', async () => {
    const err = await failure(
      sendWebPush(
        { ...createVapidKeys(), subject: SUBJECT },
        subscriptionFor(endpoint, subscriber),
        MESSAGE,
        { ttlSeconds: 60, now: Date.now() },
      ),
    );
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(err).toMatchObject({ reason: 'not_configured' });
    expect(service.received[0]?.vapid).toEqual({ ok: false, reason: 'k= is not the expected key' });
  });

  it('reports an expired subscription (410) as gone', async () => {
    service.setMode('gone');
    const err = await failure(send());
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(err).toMatchObject({ reason: 'gone' });
  });

  it('retries a rate limit after the Retry-After the service asked for', async () => {
    service.setMode('ratelimit');
    const err = await failure(send());
    expect(err).toBeInstanceOf(RetryableDeliveryError);
    expect(err).toMatchObject({ retryAfterMs: 7000 });
  });

  it('retries a push service error (500)', async () => {
    service.setMode('fail');
    const err = await failure(send());
    expect(err).toBeInstanceOf(RetryableDeliveryError);
    expect(err).toMatchObject({ retryAfterMs: undefined });
  });

  it('retries when the push service cannot be reached', async () => {
    const closed = await startFakePushService();
    await closed.close();
    endpoint = `${closed.url}/push/sub-1`;
    const err = await failure(send());
    expect(err).toBeInstanceOf(RetryableDeliveryError);
  });

  it('derives a stable id when the service gives no Location', async () => {
    service.setMode('accepted');
    const now = Date.now();
    const first = await send({ now });
    const again = await send({ now });
    const later = await send({ now: now + 1 });
    expect(first.providerId).toMatch(/^webpush:[\w-]{22}$/);
    expect(again.providerId).toBe(first.providerId);
    expect(later.providerId).not.toBe(first.providerId);
  });

  it('cuts an over-long body so the alert still fits one record', async () => {
    const long = { ...MESSAGE, body: '🔥'.repeat(2000) };
    await sendWebPush(vapid, subscriptionFor(endpoint, subscriber), long, {
      ttlSeconds: 60,
      now: Date.now(),
    });
    const decrypted = service.received[0]?.decrypted;
    const payload = JSON.parse(decrypted?.ok ? decrypted.value : '{}');
    expect(payload.url).toBe(MESSAGE.url);
    expect(payload.body).toMatch(/^(🔥)+…$/u);
    expect(new TextEncoder().encode(JSON.stringify(payload)).length).toBeLessThanOrEqual(3993);
  });
});

describe('sendWebPush refusals', () => {
  const refuseWithoutRequest = async (promise: Promise<unknown>, reason: string) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const err = await failure(promise);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(err).toMatchObject({ reason });
    expect(fetchSpy).not.toHaveBeenCalled();
  };

  it.each([
    'http://push.example/sub',
    'http://10.0.0.1/sub',
    'ftp://127.0.0.1/sub',
    'https://user:pw@push.example/sub',
    'not a url',
  ])('refuses the endpoint %s without a request', async (bad) => {
    await refuseWithoutRequest(
      sendWebPush(vapid, subscriptionFor(bad, subscriber), MESSAGE, { ttlSeconds: 60, now: 0 }),
      'invalid_recipient',
    );
  });

  it('refuses subscription keys that are not a P-256 point and 16-byte secret', async () => {
    const sub = subscriptionFor(endpoint, subscriber);
    await refuseWithoutRequest(
      sendWebPush(vapid, { ...sub, keys: { ...sub.keys, p256dh: 'AAAA' } }, MESSAGE, {
        ttlSeconds: 60,
        now: 0,
      }),
      'invalid_recipient',
    );
    await refuseWithoutRequest(
      sendWebPush(vapid, { ...sub, keys: { ...sub.keys, auth: 'AAAA' } }, MESSAGE, {
        ttlSeconds: 60,
        now: 0,
      }),
      'invalid_recipient',
    );
  });

  it('refuses unusable VAPID settings as not configured', async () => {
    const sub = subscriptionFor(endpoint, subscriber);
    const opts = { ttlSeconds: 60, now: 0 };
    await refuseWithoutRequest(
      sendWebPush({ ...vapid, subject: 'alerts@firstcall.example' }, sub, MESSAGE, opts),
      'not_configured',
    );
    await refuseWithoutRequest(
      sendWebPush({ ...vapid, privateKey: 'short' }, sub, MESSAGE, opts),
      'not_configured',
    );
    // A private key from another pair would sign tokens no push service accepts.
    await refuseWithoutRequest(
      sendWebPush({ ...vapid, privateKey: createVapidKeys().privateKey }, sub, MESSAGE, opts),
      'not_configured',
    );
  });

  it('refuses a Topic the push service would reject', async () => {
    await refuseWithoutRequest(send({ topic: 'x'.repeat(33) }), 'rejected');
    await refuseWithoutRequest(send({ topic: 'lead 42' }), 'rejected');
  });
});

describe('sendWebPush answers from a remote push service', () => {
  it.each([
    [400, 'rejected'],
    [401, 'not_configured'],
    [403, 'not_configured'],
    [404, 'gone'],
    [413, 'rejected'],
    [301, 'rejected'],
  ])('treats %i as permanent (%s) and does not follow redirects', async (status, reason) => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(
        new Response(null, { status, headers: { Location: 'http://169.254.169.254/' } }),
      );
    const sub = subscriptionFor('https://push.example/sub/1', subscriber);
    const err = await failure(sendWebPush(vapid, sub, MESSAGE, { ttlSeconds: 60, now: 0 }));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(err).toMatchObject({ reason });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(fetchSpy.mock.calls[0]?.[1]).toMatchObject({ method: 'POST', redirect: 'manual' });
  });

  it('signs for the https endpoint origin', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(null, { status: 201, headers: { Location: '/m/9' } }));
    const now = Date.now();
    const sub = subscriptionFor('https://push.example:8443/sub/1', subscriber);
    const result = await sendWebPush(vapid, sub, MESSAGE, { ttlSeconds: 60, now });
    expect(result.providerId).toBe('/m/9');
    const init = fetchSpy.mock.calls[0]?.[1];
    const headers = (init?.headers ?? {}) as Record<string, string>;
    expect(
      checkVapid(headers.Authorization, 'https://push.example:8443', { now: () => now }),
    ).toEqual({
      ok: true,
      value: {
        aud: 'https://push.example:8443',
        exp: Math.floor(now / 1000) + 43200,
        sub: SUBJECT,
      },
    });
  });
});
