// Outgoing lead events for a contractor's CRM or Zapier, signed per the Standard Webhooks spec so
// any of its verifier libraries accepts them. Signing uses the spec's own `standardwebhooks`
// package: it is pure JS (@stablelib/base64 + fast-sha256, no node:crypto), so it runs unchanged
// in Workers, and using the reference signer rules out a second, subtly different implementation.
import { Webhook } from 'standardwebhooks';
import { failureFromResponse, PermanentDeliveryError, providerFetch } from './errors';

export interface WebhookEndpoint {
  url: string;
  /** The spec's form: "whsec_" + base64 of at least 24 random bytes. */
  secret: string;
}

export interface WebhookEvent {
  /** Stable across retries: receivers dedupe on it (it becomes webhook-id). */
  id: string;
  type: string;
  /** When the event happened, epoch ms (not when this attempt is made). */
  timestamp: number;
  data: Record<string, unknown>;
}

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 24;
/** The loopback names a test or a developer's receiver listens on; nothing else local is allowed. */
const TEST_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** A fresh signing secret for one endpoint, in the spec's "whsec_<base64>" form. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  return `${SECRET_PREFIX}${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Why we must not call this URL, or undefined when it is fine. Exported so a settings form can
 * refuse a bad URL when it is saved, not only when the first lead arrives.
 */
export function webhookUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  // The WHATWG parser has already canonicalised the host (0x7f.1, 2130706433 and 0177.0.0.1 all
  // become 127.0.0.1; IPv6 is compressed and bracketed), so the checks below see one spelling.
  const host = url.hostname;
  if (TEST_HOSTS.has(host)) {
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'must use https';
  }
  // Lead details are personal data: never send them in clear text.
  if (url.protocol !== 'https:') return 'must use https';
  if (isLocalHost(host)) return `points at a private or loopback address (${host})`;
  return undefined;
}

export async function sendWebhook(
  endpoint: WebhookEndpoint,
  event: WebhookEvent,
  now: number,
): Promise<{ providerId: string }> {
  const problem = webhookUrlProblem(endpoint.url);
  if (problem) throw new PermanentDeliveryError(`webhook URL ${problem}`, 'rejected');
  // The signed content is "id.timestamp.body": a dot in the id would make it ambiguous.
  if (!event.id || event.id.includes('.')) {
    throw new PermanentDeliveryError(
      `webhook event id "${event.id}" is empty or has a dot`,
      'rejected',
    );
  }
  const signer = signerFor(endpoint.secret);
  const body = JSON.stringify({
    type: event.type,
    timestamp: new Date(event.timestamp).toISOString(),
    data: event.data,
  });
  // The attempt's own time, not the event's: receivers reject stale timestamps to stop replays.
  const attemptAt = new Date(now);
  // Only the host goes into messages: Zapier-style URLs carry their secret in the path.
  const provider = `webhook ${new URL(endpoint.url).host}`;
  const res = await providerFetch(provider, endpoint.url, {
    method: 'POST',
    // A redirect could lead anywhere, including an internal address the check above refused;
    // the spec also says to treat 3xx as a failure and have the owner fix the URL.
    redirect: 'manual',
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(now / 1000)),
      'webhook-signature': signer.sign(event.id, attemptAt, body),
      'Content-Type': 'application/json',
      'User-Agent': 'FirstCall-Webhooks/1',
    },
    body,
  });
  if (res.ok) {
    await res.body?.cancel();
    return { providerId: event.id };
  }
  const failure = await failureFromResponse(provider, res, now);
  // Only 410 means "stop sending" here (the spec's signal to disable the endpoint); a 404 or
  // 401 from a receiver is a misconfiguration its owner can fix, so it is a plain rejection.
  if (failure instanceof PermanentDeliveryError && res.status !== 410) {
    throw new PermanentDeliveryError(failure.message, 'rejected');
  }
  throw failure;
}

function signerFor(secret: string): Webhook {
  const problem = `webhook secret must be "${SECRET_PREFIX}" + base64 of ${SECRET_BYTES}+ bytes`;
  if (!secret.startsWith(SECRET_PREFIX))
    throw new PermanentDeliveryError(problem, 'not_configured');
  try {
    // The spec's floor for HMAC keys; every secret we issue has exactly this many bytes.
    if (atob(secret.slice(SECRET_PREFIX.length)).length < SECRET_BYTES) throw new Error(problem);
    // The library decodes the secret itself, the same way receivers using it will.
    return new Webhook(secret);
  } catch {
    throw new PermanentDeliveryError(problem, 'not_configured');
  }
}

/** Hosts that reach this machine or a private network: the SSRF targets worth refusing. */
function isLocalHost(host: string): boolean {
  if (host === 'localhost.' || host.endsWith('.localhost') || host.endsWith('.localhost.')) {
    return true;
  }
  const v4 = parseIPv4(host);
  if (v4) return isLocalIPv4(v4);
  if (host.startsWith('[')) {
    const v6 = parseIPv6(host.slice(1, -1));
    return v6 ? isLocalIPv6(v6) : true;
  }
  return false;
}

function parseIPv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : undefined;
}

function isLocalIPv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, where cloud metadata services live
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments (192.0.0.0/24 and the 192.0.2 docs range)
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Eight 16-bit groups; the URL parser never leaves a dotted IPv4 tail, so hex groups suffice. */
function parseIPv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.map((g) => Number.parseInt(g, 16));
}

function isLocalIPv6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  // ::ffff:0:0/96 maps IPv4 addresses; ::/96 holds ::, ::1 and the deprecated IPv4-compatible form.
  if (zeroPrefix && g5 === 0xffff) return isLocalIPv4(embedded);
  if (zeroPrefix && g5 === 0) return true;
  if (g0 === 0x64 && g1 === 0xff9b) return isLocalIPv4(embedded); // NAT64 reaches IPv4 space
  if (g0 === 0x2002) return isLocalIPv4([g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]); // 6to4
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local
    (g0 & 0xffc0) === 0xfe80 || // link-local
    (g0 & 0xffc0) === 0xfec0 || // old site-local
    (g0 & 0xff00) === 0xff00 // multicast
  );
}
