import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EmailConfig, type EmailMessage, sendEmail } from '../../worker/notify/email';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../worker/notify/errors';
import { type FakeEmailApi, startFakeEmailApi } from '../support/fake-email-api';

let api: FakeEmailApi;
beforeAll(async () => {
  api = await startFakeEmailApi();
});
afterAll(() => api.close());
afterEach(() => {
  api.received.length = 0;
  api.sent.length = 0;
  api.setMode('normal');
  vi.restoreAllMocks();
});

const config = (overrides: Partial<EmailConfig> = {}): EmailConfig => ({
  apiKey: api.apiKey,
  apiBase: api.url,
  from: 'FirstCall <alerts@firstcall.example>',
  ...overrides,
});

let keys = 0;
const message = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  to: 'rep@contractor.example',
  subject: 'New lead: Pat Homeowner',
  text: 'No heat since this morning. Call +1 555 555 0123.',
  idempotencyKey: `csr-alert/lead-${++keys}`,
  ...overrides,
});

async function failureOf(send: Promise<unknown>): Promise<unknown> {
  return send.then(
    () => expect.fail('the send should have failed'),
    (err: unknown) => err,
  );
}

describe('sendEmail', () => {
  it("sends Resend's wire format and returns the id Resend answered", async () => {
    const msg = message({ html: '<p>No heat</p>', replyTo: 'pat@home.example' });
    const { providerId } = await sendEmail(config(), msg);

    expect(api.sent).toHaveLength(1);
    expect(providerId).toBe(api.sent[0]?.id);
    const [req] = api.received;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/emails');
    expect(req?.headers.authorization).toBe(`Bearer ${api.apiKey}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['idempotency-key']).toBe(msg.idempotencyKey);
    expect(req?.headers['user-agent']).toBe('FirstCall/1');
    expect(req?.body).toEqual({
      from: 'FirstCall <alerts@firstcall.example>',
      to: ['rep@contractor.example'],
      subject: msg.subject,
      text: msg.text,
      html: '<p>No heat</p>',
      reply_to: 'pat@home.example',
    });
  });

  it('leaves optional fields out when not given, and tolerates a trailing slash on apiBase', async () => {
    await sendEmail(config({ apiBase: `${api.url}/` }), message());
    expect(Object.keys(api.received[0]?.body as object).sort()).toEqual([
      'from',
      'subject',
      'text',
      'to',
    ]);
  });

  it('sends once when retried with the same idempotency key: Resend replays the first id', async () => {
    const msg = message();
    const first = await sendEmail(config(), msg);
    const again = await sendEmail(config(), msg);
    expect(again.providerId).toBe(first.providerId);
    expect(api.sent).toHaveLength(1);
    expect(api.received).toHaveLength(2);
  });

  it('fails for good when the key was used for a different message (409 invalid_idempotent_request)', async () => {
    const msg = message();
    await sendEmail(config(), msg);
    const err = await failureOf(sendEmail(config(), { ...msg, text: 'A different body' }));
    expect(api.received[1]?.status).toBe(409);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe('rejected');
    expect((err as Error).message).toContain('invalid_idempotent_request');
  });

  it('retries while the first request with the key is still in flight (409 concurrent)', async () => {
    api.setMode({
      status: 409,
      name: 'concurrent_idempotent_requests',
      message: 'Same idempotency key used while original request is still in progress.',
      retryAfter: '1',
    });
    const err = await failureOf(sendEmail(config(), message()));
    expect(err).toBeInstanceOf(RetryableDeliveryError);
    expect((err as RetryableDeliveryError).retryAfterMs).toBe(1000);
  });

  it('reports a wrong API key (403) as not configured', async () => {
    const err = await failureOf(sendEmail(config({ apiKey: 're_wrong' }), message()));
    expect(api.received[0]?.status).toBe(403);
    expect((err as PermanentDeliveryError).reason).toBe('not_configured');
  });

  it('reports a 401 as not configured', async () => {
    api.setMode({
      status: 401,
      name: 'restricted_api_key',
      message: 'This API key is restricted.',
    });
    const err = await failureOf(sendEmail(config(), message()));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe('not_configured');
  });

  it('does not call Resend at all without an API key', async () => {
    const err = await failureOf(sendEmail(config({ apiKey: '' }), message()));
    expect((err as PermanentDeliveryError).reason).toBe('not_configured');
    expect(api.received).toHaveLength(0);
  });

  it('reports an address Resend refuses (422 Invalid `to` field) as an invalid recipient', async () => {
    const err = await failureOf(sendEmail(config(), message({ to: 'not-an-address' })));
    expect(api.received[0]?.status).toBe(422);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as PermanentDeliveryError).reason).toBe('invalid_recipient');
  });

  it('reports other validation errors (422) as rejected', async () => {
    const err = await failureOf(sendEmail(config(), message({ subject: '' })));
    expect(api.received[0]?.status).toBe(422);
    expect((err as PermanentDeliveryError).reason).toBe('rejected');
    const badFrom = await failureOf(sendEmail(config({ from: 'nobody' }), message()));
    expect((badFrom as PermanentDeliveryError).reason).toBe('rejected');
  });

  it('retries 429 after the Retry-After Resend gave', async () => {
    api.setMode({
      status: 429,
      name: 'rate_limit_exceeded',
      message: 'Too many requests.',
      retryAfter: '2',
    });
    const err = await failureOf(sendEmail(config(), message()));
    expect(err).toBeInstanceOf(RetryableDeliveryError);
    expect((err as RetryableDeliveryError).retryAfterMs).toBe(2000);
  });

  it('stops on an exhausted monthly quota: waiting will not refill it', async () => {
    api.setMode({ status: 429, name: 'monthly_quota_exceeded', message: 'Monthly quota reached.' });
    const err = await failureOf(sendEmail(config(), message()));
    expect((err as PermanentDeliveryError).reason).toBe('not_configured');
  });

  it('retries 500s', async () => {
    api.setMode({ status: 500, name: 'internal_server_error', message: 'Unexpected error.' });
    const err = await failureOf(sendEmail(config(), message()));
    expect(err).toBeInstanceOf(RetryableDeliveryError);
  });

  it('reports a wrong apiBase (404) as not configured', async () => {
    const err = await failureOf(sendEmail(config({ apiBase: `${api.url}/v9` }), message()));
    expect(api.received[0]?.status).toBe(404);
    expect((err as PermanentDeliveryError).reason).toBe('not_configured');
  });

  it('retries when Resend cannot be reached', async () => {
    const down = await startFakeEmailApi();
    await down.close();
    const err = await failureOf(sendEmail(config({ apiBase: down.url }), message()));
    expect(err).toBeInstanceOf(RetryableDeliveryError);
  });
});

describe('the fake Resend API checks the wire format', () => {
  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${api.url}/emails`, { method: 'POST', headers, body });
  const good = JSON.stringify({
    from: 'a@b.example',
    to: ['c@d.example'],
    subject: 's',
    text: 't',
  });

  it('wants bearer auth, JSON and `to` as an array', async () => {
    const json = { 'content-type': 'application/json' };
    const auth = { authorization: `Bearer ${api.apiKey}` };
    expect((await post(json, good)).status).toBe(401);
    expect((await post({ ...auth, 'content-type': 'text/plain' }, good)).status).toBe(400);
    const toAsString = JSON.stringify({ ...JSON.parse(good), to: 'c@d.example' });
    expect((await post({ ...auth, ...json }, toAsString)).status).toBe(422);
    expect((await post({ ...auth, ...json }, good)).status).toBe(200);
  });
});
