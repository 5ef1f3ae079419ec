// Transactional email through Resend. Why Resend: one JSON POST with bearer auth (no SDK needed
// in a Worker), an Idempotency-Key header that makes a retry after a lost answer safe, documented
// error names, and wide use. Postmark or SendGrid could sit behind this same sendEmail signature.
//
// Wire format, from Resend's API reference: POST {apiBase}/emails with
// `Authorization: Bearer <key>`, a `User-Agent` (requests without one are refused with 403) and
// JSON { from, to: [..], subject, text, html?, reply_to? }; success is 200 { id }. Errors are
// JSON { statusCode, name, message }. An Idempotency-Key (1-256 chars) is remembered for 24 h:
// the same key with the same body answers the original response without sending again.
import {
  failureFromResponse,
  PermanentDeliveryError,
  providerFetch,
  RetryableDeliveryError,
  retryAfterMs,
} from './errors';

export const RESEND_API_BASE = 'https://api.resend.com';

export interface EmailConfig {
  apiKey: string;
  /** RESEND_API_BASE in production; a local fake in tests. */
  apiBase: string;
  /** "Name <address>" on a domain verified in Resend. */
  from: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Where replies go, e.g. the homeowner, so a rep can answer straight from the alert. */
  replyTo?: string;
  /** Stable across retries of the same message, so Resend sends it at most once. */
  idempotencyKey: string;
}

const PROVIDER = 'Resend';

export async function sendEmail(
  cfg: EmailConfig,
  msg: EmailMessage,
): Promise<{ providerId: string }> {
  if (!cfg.apiKey) throw new PermanentDeliveryError('Resend API key is not set', 'not_configured');
  const payload = {
    from: cfg.from,
    to: [msg.to],
    subject: msg.subject,
    text: msg.text,
    ...(msg.html === undefined ? {} : { html: msg.html }),
    ...(msg.replyTo === undefined ? {} : { reply_to: msg.replyTo }),
  };
  const res = await providerFetch(PROVIDER, `${cfg.apiBase.replace(/\/+$/, '')}/emails`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${cfg.apiKey}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': msg.idempotencyKey,
      'User-Agent': 'FirstCall/1',
    },
    body: JSON.stringify(payload),
  });
  if (res.ok) {
    const id = field(await res.json().catch(() => null), 'id');
    if (id) return { providerId: id };
    // Safe to retry: the same Idempotency-Key replays the original answer instead of resending.
    throw new RetryableDeliveryError(`Resend answered ${res.status} without an email id`);
  }
  throw await resendFailure(res);
}

async function resendFailure(res: Response): Promise<Error> {
  const now = Date.now();
  const error = await res
    .clone()
    .json()
    .catch(() => null);
  const name = field(error, 'name');
  const failure = await failureFromResponse(PROVIDER, res, now);
  const { status } = res;
  if (status === 409) {
    // concurrent_idempotent_requests: the first request with this key is still running; asking
    // again later returns its answer. invalid_idempotent_request: the key was already used for a
    // different body. Resend does not say whether that other message went out, and resending
    // under a new key could double it, so it is permanent (a bug in how keys are chosen).
    return name === 'concurrent_idempotent_requests'
      ? new RetryableDeliveryError(
          failure.message,
          retryAfterMs(res.headers.get('retry-after'), now),
        )
      : new PermanentDeliveryError(failure.message, 'rejected');
  }
  if (
    (status === 400 || status === 422) &&
    /`to`|\bto field|recipient/i.test(field(error, 'message') ?? '')
  ) {
    return new PermanentDeliveryError(failure.message, 'invalid_recipient');
  }
  // No amount of waiting refills a monthly quota: someone must change the plan.
  if (status === 429 && name === 'monthly_quota_exceeded') {
    return new PermanentDeliveryError(failure.message, 'not_configured');
  }
  // /emails always exists, so a 404 or 405 means apiBase points at the wrong place.
  if (status === 404 || status === 405)
    return new PermanentDeliveryError(failure.message, 'not_configured');
  return failure;
}

/** A string property of an unknown JSON value, or undefined. */
function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[key];
  return typeof found === 'string' && found ? found : undefined;
}
