// Signed links sent to phones (claim links). A link names one site, one lead and one member,
// expires, and carries the id of the key that signed it so keys can be rotated.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ClaimGrant {
  site: string;
  leadId: string;
  memberId: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

interface SigningKey {
  kid: string;
  secret: string;
}

const DEV_KEYS = 'dev:development-only-link-signing-secret-not-for-production';
export const CLAIM_LINK_TTL_SECONDS = 24 * 3600;

export class SigningConfigError extends Error {}

/** Reads LINK_SIGNING_KEYS; development mode falls back to a fixed dev key. */
export function signingKeys(raw: string | undefined, devMode: boolean): SigningKey[] {
  const source = raw?.trim() || (devMode ? DEV_KEYS : '');
  if (!source) throw new SigningConfigError('LINK_SIGNING_KEYS is not set');
  return source.split(',').map((pair) => {
    const i = pair.indexOf(':');
    const kid = pair.slice(0, i).trim();
    const secret = pair.slice(i + 1).trim();
    if (i < 1 || !/^[A-Za-z0-9_-]{1,16}$/.test(kid) || secret.length < 32) {
      throw new SigningConfigError(
        'LINK_SIGNING_KEYS must be kid:secret pairs with secrets of 32+ characters',
      );
    }
    return { kid, secret };
  });
}

const b64url = (buf: Buffer): string => buf.toString('base64url');

function mac(key: SigningKey, payload: string): Buffer {
  // 144 bits of HMAC-SHA256 keep SMS links short and are far beyond guessing range.
  return createHmac('sha256', key.secret)
    .update(`claim.${key.kid}.${payload}`)
    .digest()
    .subarray(0, 18);
}

export function signClaim(grant: ClaimGrant, keys: SigningKey[]): string {
  const key = keys[0];
  if (!key) throw new SigningConfigError('no signing key');
  const payload = b64url(
    Buffer.from(JSON.stringify([grant.site, grant.leadId, grant.memberId, grant.exp])),
  );
  return `${key.kid}.${payload}.${b64url(mac(key, payload))}`;
}

export type VerifyResult =
  | { ok: true; grant: ClaimGrant }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyClaim(token: string, keys: SigningKey[], nowSeconds: number): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 600) return { ok: false, reason: 'malformed' };
  const [kid, payload, sig] = parts as [string, string, string];
  const key = keys.find((k) => k.kid === kid);
  if (!key) return { ok: false, reason: 'bad_signature' };
  const expected = mac(key, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(fields) || fields.length !== 4) return { ok: false, reason: 'malformed' };
  const [site, leadId, memberId, exp] = fields as unknown[];
  if (
    typeof site !== 'string' ||
    typeof leadId !== 'string' ||
    typeof memberId !== 'string' ||
    typeof exp !== 'number'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  if (exp < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { site, leadId, memberId, exp } };
}
