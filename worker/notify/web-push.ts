// Web Push channel: one encrypted push (RFC 8291 aes128gcm, RFC 8292 VAPID, RFC 8030 headers) to
// one browser subscription. The content encryption comes from @block65/webcrypto-web-push, which
// is Web Crypto only, so this file runs unchanged in Workers and in Node.
import { encryptNotification } from '@block65/webcrypto-web-push';
import { base64UrlEncode } from './base64url';
import { failureFromResponse, PermanentDeliveryError, providerFetch } from './errors';
import { type VapidConfig, vapidAuthorization } from './vapid';

export type { VapidConfig } from './vapid';

/** What the browser's PushSubscription.toJSON() gives us, minus expirationTime. */
export interface PushSubscriptionRecord {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The notification the service worker shows; `url` is the claim link behind its action. */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
  urgent: boolean;
}

export interface WebPushOptions {
  ttlSeconds: number;
  /** Replaces an undelivered push with the same topic (RFC 8030 §5.4): ≤32 base64url chars. */
  topic?: string;
  now: number;
}

const PROVIDER = 'web push';

/**
 * The library pads every push to one 4096-octet record so the ciphertext does not reveal the
 * text's length; that leaves 3993 bytes for the JSON.
 */
const MAX_PAYLOAD_BYTES = 3993;

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

export async function sendWebPush(
  vapid: VapidConfig,
  sub: PushSubscriptionRecord,
  msg: PushMessage,
  opts: WebPushOptions,
): Promise<{ providerId: string }> {
  const endpoint = pushEndpoint(sub.endpoint);
  if (!Number.isInteger(opts.ttlSeconds) || opts.ttlSeconds < 0) {
    throw new PermanentDeliveryError(
      `TTL must be whole seconds ≥ 0: ${opts.ttlSeconds}`,
      'rejected',
    );
  }
  if (opts.topic !== undefined && !TOPIC.test(opts.topic)) {
    throw new PermanentDeliveryError(`Topic must be 1–32 base64url characters`, 'rejected');
  }
  const authorization = await vapidAuthorization(vapid, endpoint.origin, opts.now);
  const body = await encryptFor(sub, payloadBytes(msg));
  const headers: Record<string, string> = {
    Authorization: authorization,
    TTL: String(opts.ttlSeconds),
    Urgency: msg.urgent ? 'high' : 'normal',
    'Content-Encoding': 'aes128gcm',
    'Content-Type': 'application/octet-stream',
  };
  if (opts.topic !== undefined) headers.Topic = opts.topic;

  // A redirect is refused rather than followed: it could point the worker at any host.
  const res = await providerFetch(PROVIDER, endpoint.href, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
  });
  if (!res.ok) throw await failureFromResponse(PROVIDER, res, opts.now);
  await res.body?.cancel();
  // RFC 8030 §5: Location names the message resource the push service created.
  const location = res.headers.get('location');
  return { providerId: location ?? (await fallbackId(endpoint.href, opts.now)) };
}

/**
 * Push endpoints come from browsers we do not control, so only https is fetched; plain http is
 * allowed for the loopback addresses that local push services in tests listen on.
 */
function pushEndpoint(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PermanentDeliveryError('push endpoint is not a URL', 'invalid_recipient');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  if (!allowed || url.username || url.password) {
    throw new PermanentDeliveryError(
      `push endpoint refused: ${url.protocol}//${url.host}`,
      'invalid_recipient',
    );
  }
  return url;
}

/** The JSON the service worker reads; an over-long body is cut rather than losing the alert. */
function payloadBytes(msg: PushMessage): Uint8Array {
  const encoder = new TextEncoder();
  const encode = (body: string) =>
    encoder.encode(
      JSON.stringify({ title: msg.title, body, url: msg.url, tag: msg.tag, urgent: msg.urgent }),
    );
  let bytes = encode(msg.body);
  // Cut by code points so no emoji is split into a lone surrogate.
  const chars = Array.from(msg.body);
  while (bytes.length > MAX_PAYLOAD_BYTES && chars.length > 0) {
    chars.splice(-Math.max(1, Math.ceil((bytes.length - MAX_PAYLOAD_BYTES) / 4)));
    bytes = encode(`${chars.join('')}…`);
  }
  if (bytes.length > MAX_PAYLOAD_BYTES) {
    throw new PermanentDeliveryError('push payload too large even without a body', 'rejected');
  }
  return bytes;
}

async function encryptFor(
  sub: PushSubscriptionRecord,
  plaintext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await encryptNotification({ ...sub, expirationTime: null }, plaintext);
  } catch (err) {
    // The size is checked above, so what fails here is the subscription's own key material.
    throw new PermanentDeliveryError(
      `push subscription keys unusable: ${err instanceof Error ? err.message : String(err)}`,
      'invalid_recipient',
    );
  }
}

/** Some push services omit Location; a digest still gives the timeline a stable reference. */
async function fallbackId(endpoint: string, now: number): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${endpoint}\n${now}`),
  );
  return `webpush:${base64UrlEncode(digest.slice(0, 16))}`;
}
