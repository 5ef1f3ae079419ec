// Starts the local fake providers (Twilio, a push service, Resend, a webhook receiver) before the
// worker does, and a small control server through which the tests, which run inside workerd,
// read what each fake received and switch faults on. Everything listens on 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type { TestProject } from 'vitest/node';
import './provided-context';
import { startFakeEmailApi } from '../support/fake-email-api';
import {
  createSubscriber,
  createVapidKeys,
  type PushMode,
  startFakePushService,
  subscriptionFor,
} from '../support/fake-push-service';
import { startFakeTwilio, type TwilioFaults } from '../support/fake-twilio';
import {
  startFakeWebhookReceiver,
  type WebhookReceiverMode,
} from '../support/fake-webhook-receiver';
import { readBody } from '../support/read-body';

export const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const VAPID_SUBJECT = 'mailto:alerts@firstcall.test';
export const TURNSTILE_SECRET = '0x4AAAAAAAturnstile-test-secret';

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export default async function setup(project: TestProject) {
  const fakeTwilio = await startFakeTwilio();
  const vapid = createVapidKeys();
  const subscriber = createSubscriber();
  const push = await startFakePushService({
    vapidPublicKey: vapid.publicKey,
    subject: VAPID_SUBJECT,
    subscriber,
  });
  const email = await startFakeEmailApi();
  const hooks = await startFakeWebhookReceiver(WEBHOOK_SECRET);

  const routes: Record<string, (body: Record<string, unknown>) => unknown | Promise<unknown>> = {
    'GET /twilio': () => ({ accepted: fakeTwilio.accepted, stats: fakeTwilio.stats }),
    'POST /twilio/faults': (b) => fakeTwilio.setFaults(b as TwilioFaults),
    // Inbound webhooks are signed by Twilio's own library, not by the code under test.
    'POST /twilio/sign': (b) => ({
      signature: twilio.getExpectedTwilioSignature(
        fakeTwilio.authToken,
        String(b.url),
        b.params as Record<string, string>,
      ),
    }),
    'GET /push': () =>
      push.received.map((r) => ({
        path: r.path,
        headers: r.headers,
        vapid: r.vapid,
        decrypted: r.decrypted,
      })),
    'GET /push/subscription': () =>
      subscriptionFor(`${push.url}/send/${Math.random().toString(36).slice(2)}`, subscriber),
    'POST /push/mode': (b) => push.setMode(b.mode as PushMode),
    'GET /email': () => ({
      sent: email.sent,
      received: email.received.map((r) => ({ status: r.status, path: r.path })),
    }),
    'GET /webhooks': () =>
      hooks.received.map((r) => ({
        body: r.body,
        verified: r.verified,
        status: r.status,
        id: r.headers['webhook-id'],
      })),
    'POST /webhooks/mode': (b) => hooks.setMode(b.mode as WebhookReceiverMode),
    'POST /reset': async () => {
      siteverify.length = 0;
      await fakeTwilio.setFaults({});
      fakeTwilio.reset();
      push.received.length = 0;
      push.setMode('ok');
      email.received.length = 0;
      email.sent.length = 0;
      hooks.received.length = 0;
      hooks.setMode('accept');
    },
  };
  // A fake of Turnstile's siteverify: form-encoded like the real one; tokens starting "good-"
  // pass for the right secret. It remembers what it was asked, for the tests to check.
  const siteverify: Array<Record<string, string>> = [];
  routes['GET /turnstile'] = () => siteverify;
  const control = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && req.url === '/turnstile/v0/siteverify') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      siteverify.push(form);
      const success = form.secret === TURNSTILE_SECRET && (form.response ?? '').startsWith('good-');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(
        JSON.stringify(
          success ? { success } : { success, 'error-codes': ['invalid-input-response'] },
        ),
      );
    }
    const route = routes[`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`];
    if (!route) return res.writeHead(404).end();
    try {
      const out = await route(await json(req));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(out ?? {}));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

  project.provide('providers', {
    control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    twilio: {
      url: fakeTwilio.url,
      accountSid: fakeTwilio.accountSid,
      authToken: fakeTwilio.authToken,
      fromNumber: fakeTwilio.fromNumber,
    },
    push: { url: push.url, vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey },
    email: { url: email.url, apiKey: email.apiKey },
    webhooks: { url: hooks.url, secret: WEBHOOK_SECRET },
  });

  return async () => {
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await Promise.all([fakeTwilio.close(), push.close(), email.close(), hooks.close()]);
  };
}
