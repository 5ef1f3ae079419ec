// RFC 8292 VAPID: the `Authorization: vapid t=<JWT>, k=<public key>` header that identifies us to
// a push service. Written here rather than taken from the encryption library because its helper
// reads Date.now() (we sign against the caller's clock) and refuses the http loopback endpoints
// our tests use. It is one ES256 signature over Web Crypto.
import { base64UrlDecode, base64UrlEncode } from './base64url';
import { PermanentDeliveryError } from './errors';

/** Keys as `web-push generate-vapid-keys` prints them: base64url raw P-256 point and scalar. */
export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** Push services reject an exp more than 24 h ahead; 12 h leaves room for clock skew. */
const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/** The Authorization header value for a push to `audience` (the endpoint's origin). */
export async function vapidAuthorization(
  vapid: VapidConfig,
  audience: string,
  now: number,
): Promise<string> {
  const key = await importSigningKey(vapid);
  const header = encodeJson({ typ: 'JWT', alg: 'ES256' });
  const claims = encodeJson({
    aud: audience,
    exp: Math.floor(now / 1000) + TOKEN_LIFETIME_SECONDS,
    sub: vapid.subject,
  });
  const signingInput = `${header}.${claims}`;
  // Web Crypto's ECDSA output is already the raw r||s form that JWS ES256 requires.
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    new TextEncoder().encode(signingInput),
  );
  return `vapid t=${signingInput}.${base64UrlEncode(signature)}, k=${vapid.publicKey}`;
}

async function importSigningKey(vapid: VapidConfig): Promise<CryptoKey> {
  // RFC 8292 §2.1: push services may contact us through the subject, so it must be reachable.
  if (!/^(mailto:|https:\/\/)/.test(vapid.subject)) {
    throw notConfigured('VAPID subject must be a mailto: or https: URL');
  }
  let point: Uint8Array;
  let scalar: Uint8Array;
  try {
    point = base64UrlDecode(vapid.publicKey);
    scalar = base64UrlDecode(vapid.privateKey);
  } catch {
    throw notConfigured('VAPID keys are not base64url');
  }
  if (point.length !== 65 || point[0] !== 0x04 || scalar.length !== 32) {
    throw notConfigured(
      'VAPID keys must be a 65-byte uncompressed P-256 point and a 32-byte scalar',
    );
  }
  // Raw import takes public keys only; a private key goes in as a JWK built from the two halves.
  const jwk: JsonWebKey = {
    kty: 'EC',
    crv: 'P-256',
    x: base64UrlEncode(point.slice(1, 33)),
    y: base64UrlEncode(point.slice(33, 65)),
    d: base64UrlEncode(scalar),
  };
  try {
    return await crypto.subtle.importKey(
      'jwk',
      jwk,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
  } catch (err) {
    throw notConfigured(`VAPID keys rejected: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function encodeJson(value: object): string {
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify(value)));
}

function notConfigured(message: string): PermanentDeliveryError {
  return new PermanentDeliveryError(message, 'not_configured');
}
