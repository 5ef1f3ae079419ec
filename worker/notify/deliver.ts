// Sends one outbox message through its channel's real provider when that provider's secrets
// are set; otherwise, in development mode, into the dev outbox; otherwise it fails for good
// (the member's next channel takes over).
import { type Env, isDevMode } from '../env';
import { logError } from '../log';
import { sendEmail } from './email';
import { PermanentDeliveryError } from './errors';
import { sendTwilioSms, startTwilioCall, twilioConfig } from './twilio';
import { alertCallTwiml } from './twiml';
import { type PushMessage, type PushSubscriptionRecord, sendWebPush } from './web-push';
import { sendWebhook, type WebhookEndpoint } from './webhook';

export interface OutgoingMessage {
  outboxId: number;
  dedupeKey: string;
  site: string;
  leadId: string;
  kind: string;
  channel: 'sms' | 'voice' | 'push' | 'email' | 'webhook';
  to: string;
  memberId: string | null;
  body: string;
  urgent: boolean;
  /** Public origin of this worker, for callback and action URLs. */
  origin: string;
  push?: PushSubscriptionRecord;
  webhook?: WebhookEndpoint;
}

export { PermanentDeliveryError };

const notConfigured = (what: string) =>
  new PermanentDeliveryError(`${what} is not configured`, 'not_configured');

export async function deliver(env: Env, msg: OutgoingMessage, now: number): Promise<string> {
  const dev = isDevMode(env);
  const q = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ site: msg.site, o: String(msg.outboxId), ...extra }).toString();
  switch (msg.channel) {
    case 'sms':
    case 'voice': {
      const twilio = twilioConfig(env);
      if (!twilio) return dev ? devOutbox(env, msg, now) : Promise.reject(notConfigured('Twilio'));
      const statusCallback = `${msg.origin}/v1/webhooks/twilio/status?${q()}`;
      const sent =
        msg.channel === 'sms'
          ? await sendTwilioSms(
              twilio,
              { to: msg.to, body: msg.body, statusCallback, idempotencyKey: msg.dedupeKey },
              now,
            )
          : await startTwilioCall(
              twilio,
              {
                to: msg.to,
                twiml: alertCallTwiml(
                  msg.body,
                  `${msg.origin}/v1/webhooks/twilio/voice?${q({ lead: msg.leadId, member: msg.memberId ?? '' })}`,
                ),
                statusCallback,
                idempotencyKey: msg.dedupeKey,
              },
              now,
            );
      await rememberSender(env, msg.to, msg.site, now);
      return sent.providerId;
    }
    case 'push': {
      if (!msg.push) throw new PermanentDeliveryError('push subscription removed', 'gone');
      const {
        VAPID_PUBLIC_KEY: publicKey,
        VAPID_PRIVATE_KEY: privateKey,
        VAPID_SUBJECT: subject,
      } = env;
      if (!publicKey || !privateKey || !subject)
        return dev ? devOutbox(env, msg, now) : Promise.reject(notConfigured('Web Push (VAPID)'));
      const payload = JSON.parse(msg.body) as PushMessage;
      const sent = await sendWebPush({ publicKey, privateKey, subject }, msg.push, payload, {
        ttlSeconds: msg.urgent ? 3600 : 4 * 3600,
        topic: msg.leadId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
        now,
      });
      return sent.providerId;
    }
    case 'email': {
      if (!env.RESEND_API_KEY || !env.EMAIL_FROM)
        return dev ? devOutbox(env, msg, now) : Promise.reject(notConfigured('Email'));
      const { subject, text } = JSON.parse(msg.body) as { subject: string; text: string };
      const sent = await sendEmail(
        {
          apiKey: env.RESEND_API_KEY,
          apiBase: env.RESEND_API_BASE || 'https://api.resend.com',
          from: env.EMAIL_FROM,
        },
        { to: msg.to, subject, text, idempotencyKey: msg.dedupeKey },
      );
      return sent.providerId;
    }
    case 'webhook': {
      if (!msg.webhook)
        throw new PermanentDeliveryError('webhook endpoint removed from the site config', 'gone');
      const event = JSON.parse(msg.body) as {
        id: string;
        type: string;
        timestamp: number;
        data: Record<string, unknown>;
      };
      const sent = await sendWebhook(msg.webhook, event, now);
      // The contractor's endpoint is real even in development; the dev outbox shows it too.
      if (dev) await devOutbox(env, { ...msg, to: msg.webhook.url }, now);
      return sent.providerId;
    }
  }
}

async function devOutbox(env: Env, msg: OutgoingMessage, now: number): Promise<string> {
  const id = await env.DEV_OUTBOX.getByName('dev').record({
    dedupeKey: msg.dedupeKey,
    site: msg.site,
    leadId: msg.leadId,
    kind: msg.kind,
    channel: msg.channel,
    to: msg.to,
    memberId: msg.memberId,
    body: msg.body,
    at: now,
  });
  return `dev-${id}`;
}

/**
 * Replies to the shared number find their way back to this site. The text has already gone: a
 * failure here must not fail the delivery, or the retry would send it twice.
 */
async function rememberSender(env: Env, phone: string, site: string, now: number): Promise<void> {
  try {
    await env.PHONE_DIRECTORY.getByName('directory').remember(phone, site, now);
  } catch (err) {
    logError('phone directory not updated', {
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
