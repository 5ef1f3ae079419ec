// A push service on 127.0.0.1 that checks what a real one checks (the VAPID token) and also plays
// the browser (decrypts the aes128gcm body). Verification and decryption use node:crypto and
// follow RFC 8292 / RFC 8291 directly, so they share no code with the sender under test.
import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  verify,
} from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBodyBytes as readBody } from './read-body';

/** A browser's side of a subscription: the keys PushManager.subscribe() would create. */
export interface Subscriber {
  publicKey: Buffer; // 65-byte uncompressed P-256 point (p256dh)
  privateKey: Buffer; // 32-byte scalar
  auth: Buffer; // 16 random bytes
}

export type PushMode = 'ok' | 'accepted' | 'gone' | 'fail' | 'ratelimit';

export interface FakePushOptions {
  /** The VAPID public key the server insists on (k=); without it any valid signature passes. */
  vapidPublicKey?: string;
  /** Checked against the JWT's sub claim when given. */
  subject?: string;
  /** The browser whose keys decrypt each body; without it bodies are recorded, not opened. */
  subscriber?: Subscriber;
  /** The server's clock for the exp check. */
  now?: () => number;
}

export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

export interface ReceivedPush {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  vapid: Check<VapidClaims>;
  /** The decrypted text, when a subscriber was given. */
  decrypted: Check<string> | null;
}

export interface FakePushService {
  url: string;
  port: number;
  received: ReceivedPush[];
  /** ok: 201 + Location; accepted: 202 without Location; gone: 410; fail: 500; ratelimit: 429. */
  setMode(mode: PushMode): void;
  close(): Promise<void>;
}

export function createSubscriber(): Subscriber {
  const { publicKey, privateKey } = p256KeyPair();
  return { publicKey, privateKey, auth: randomBytes(16) };
}

/** VAPID keys in the base64url form `web-push generate-vapid-keys` prints. */
export function createVapidKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = p256KeyPair();
  return {
    publicKey: publicKey.toString('base64url'),
    privateKey: privateKey.toString('base64url'),
  };
}

/** Raw P-256 keys via JWK export, whose d is always the full 32 bytes (leading zeros kept). */
function p256KeyPair(): { publicKey: Buffer; privateKey: Buffer } {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'jwk',
  });
  const part = (value: string | undefined) => Buffer.from(value ?? '', 'base64url');
  return {
    publicKey: Buffer.concat([Buffer.from([4]), part(jwk.x), part(jwk.y)]),
    privateKey: part(jwk.d),
  };
}

/** The JSON a browser would hand the site for this subscriber at `endpoint`. */
export function subscriptionFor(endpoint: string, subscriber: Subscriber) {
  return {
    endpoint,
    keys: {
      p256dh: subscriber.publicKey.toString('base64url'),
      auth: subscriber.auth.toString('base64url'),
    },
  };
}

export async function startFakePushService(opts: FakePushOptions = {}): Promise<FakePushService> {
  const received: ReceivedPush[] = [];
  let mode: PushMode = 'ok';
  let origin = '';
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    const vapid = checkVapid(headers.authorization, origin, opts);
    const decrypted = opts.subscriber ? decryptAes128gcm(body, opts.subscriber) : null;
    received.push({ path: req.url ?? '/', headers, body, vapid, decrypted });
    // Like FCM/Mozilla: a bad token is refused before the mode is considered.
    if (!vapid.ok) return res.writeHead(403).end(vapid.reason);
    if (mode === 'gone') return res.writeHead(410).end('subscription expired');
    if (mode === 'fail') return res.writeHead(500).end('push service down');
    if (mode === 'ratelimit') return res.writeHead(429, { 'Retry-After': '7' }).end('slow down');
    if (mode === 'accepted') return res.writeHead(202).end();
    res.writeHead(201, { Location: `${origin}/message/${received.length}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    port,
    received,
    setMode: (next) => {
      mode = next;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** RFC 8292 §2–3: `vapid t=<ES256 JWT>, k=<P-256 point>`, aud = our origin, exp ≤ 24 h away. */
export function checkVapid(
  header: string | undefined,
  origin: string,
  opts: FakePushOptions,
): Check<VapidClaims> {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!match?.[1] || !match[2]) return fail(`malformed Authorization: ${header}`);
  const [token, k] = [match[1], match[2]];
  if (opts.vapidPublicKey && k !== opts.vapidPublicKey) return fail('k= is not the expected key');
  try {
    return checkToken(token, k, origin, opts);
  } catch (err) {
    return fail(`unreadable token: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function checkToken(
  token: string,
  k: string,
  origin: string,
  opts: FakePushOptions,
): Check<VapidClaims> {
  const [head, claims, signature] = token.split('.') as [string, string, string];
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return fail('k= is not an uncompressed P-256 point');
  const key = createPublicKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
  });
  // ES256 in a JWS is the raw 64-byte r||s, not DER.
  const sig = Buffer.from(signature, 'base64url');
  const signingInput = Buffer.from(`${head}.${claims}`);
  if (
    sig.length !== 64 ||
    !verify('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }, sig)
  ) {
    return fail('JWT signature does not verify with k=');
  }
  const jwtHeader = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
  if (jwtHeader.alg !== 'ES256') return fail(`JWT alg ${jwtHeader.alg}`);
  const payload: VapidClaims = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
  const nowSeconds = Math.floor((opts.now ?? Date.now)() / 1000);
  if (payload.aud !== origin) return fail(`aud ${payload.aud} is not ${origin}`);
  if (!(payload.exp > nowSeconds && payload.exp <= nowSeconds + 24 * 3600)) {
    return fail(`exp ${payload.exp} not within 24 h of ${nowSeconds}`);
  }
  if (opts.subject ? payload.sub !== opts.subject : !/^(mailto:|https:)/.test(payload.sub)) {
    return fail(`sub ${payload.sub}`);
  }
  return { ok: true, value: payload };
}

/**
 * RFC 8291 §3–4 from the user agent's side: read the RFC 8188 header, redo the ECDH with the
 * subscriber's private key, derive the key and nonce, open the one record and strip its padding.
 */
export function decryptAes128gcm(body: Buffer, subscriber: Subscriber): Check<string> {
  if (body.length < 21 + 65 + 17) return fail('body shorter than header plus one record');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20];
  if (keyIdLength !== 65)
    return fail(`keyid is ${keyIdLength} bytes, RFC 8291 wants the 65-byte key`);
  const senderPublic = body.subarray(21, 86);
  const record = body.subarray(86);
  // RFC 8291 §4: exactly one record, so it must fit in the declared record size.
  if (record.length > recordSize) return fail('more than one record');
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(subscriber.privateKey);
    const shared = ecdh.computeSecret(senderPublic);
    // §3.3–3.4: IKM = HKDF(salt=auth, ikm=ECDH, info="WebPush: info\0"||ua_public||as_public)
    const prk = createHmac('sha256', subscriber.auth).update(shared).digest();
    const keyInfo = Buffer.concat([
      Buffer.from('WebPush: info\0'),
      subscriber.publicKey,
      senderPublic,
      Buffer.from([1]),
    ]);
    const ikm = createHmac('sha256', prk).update(keyInfo).digest();
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
    // RFC 8188 §2: the text, then the last-record delimiter 0x02, then zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) return fail('missing last-record delimiter');
    return { ok: true, value: padded.subarray(0, end).toString('utf8') };
  } catch (err) {
    return fail(`decryption failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
