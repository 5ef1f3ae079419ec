// Twilio's REST API (2010-04-01): SMS through Messages, alert calls through Calls. Form-encoded,
// HTTP Basic auth with the account SID and auth token. TWILIO_API_BASE points elsewhere for tests
// and regional endpoints.
import type { Env } from '../env';
import { failureFromResponse, PermanentDeliveryError, providerFetch } from './errors';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from: string;
  apiBase: string;
}

export const TWILIO_DEFAULT_BASE = 'https://api.twilio.com';

export function twilioConfig(env: Env): TwilioConfig | null {
  const {
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_FROM_NUMBER: from,
  } = env;
  if (!accountSid || !authToken || !from) return null;
  return {
    accountSid,
    authToken,
    from,
    apiBase: (env.TWILIO_API_BASE || TWILIO_DEFAULT_BASE).replace(/\/$/, ''),
  };
}

// Twilio error codes that no retry can fix.
const OPTED_OUT = new Set([21610]);
const BAD_RECIPIENT = new Set([21211, 21214, 21217, 21401, 21407, 21408, 21612, 21614]);

async function post(
  cfg: TwilioConfig,
  resource: 'Messages' | 'Calls',
  form: Record<string, string>,
  idempotencyKey: string,
  now: number,
) {
  const url = `${cfg.apiBase}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/${resource}.json`;
  const res = await providerFetch('Twilio', url, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${btoa(`${cfg.accountSid}:${cfg.authToken}`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      // Twilio drops a repeated request carrying the same token, so a retried send is not a second SMS.
      'I-Twilio-Idempotency-Token': idempotencyKey,
    },
    body: new URLSearchParams(form).toString(),
  });
  if (res.status === 201 || res.status === 200) {
    const json = (await res.json()) as { sid?: string };
    if (!json.sid) throw new PermanentDeliveryError('Twilio answered without a sid', 'rejected');
    return { providerId: json.sid };
  }
  if (res.status === 400) {
    const json = (await res
      .clone()
      .json()
      .catch(() => ({}))) as { code?: number; message?: string };
    const message = `Twilio ${json.code ?? 400}: ${json.message ?? 'bad request'}`;
    if (json.code && OPTED_OUT.has(json.code))
      throw new PermanentDeliveryError(message, 'opted_out');
    if (json.code && BAD_RECIPIENT.has(json.code))
      throw new PermanentDeliveryError(message, 'invalid_recipient');
    throw new PermanentDeliveryError(message, 'rejected');
  }
  throw await failureFromResponse('Twilio', res, now);
}

export function sendTwilioSms(
  cfg: TwilioConfig,
  msg: { to: string; body: string; statusCallback?: string; idempotencyKey: string },
  now: number,
): Promise<{ providerId: string }> {
  const form: Record<string, string> = { To: msg.to, From: cfg.from, Body: msg.body };
  if (msg.statusCallback) form.StatusCallback = msg.statusCallback;
  return post(cfg, 'Messages', form, msg.idempotencyKey, now);
}

export function startTwilioCall(
  cfg: TwilioConfig,
  call: { to: string; twiml: string; statusCallback?: string; idempotencyKey: string },
  now: number,
): Promise<{ providerId: string }> {
  const form: Record<string, string> = {
    To: call.to,
    From: cfg.from,
    Twiml: call.twiml,
    Timeout: '25',
  };
  if (call.statusCallback) {
    form.StatusCallback = call.statusCallback;
    form.StatusCallbackEvent = 'completed';
  }
  return post(cfg, 'Calls', form, call.idempotencyKey, now);
}
