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

export interface SigningKey {
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

/**
 * How every signed link is built: `kid.payload.mac`, the payload a base64url JSON array, the MAC
 * an HMAC-SHA256 over `domain.kid.payload`. The domain keeps one kind of link from passing as
 * another; `macBytes` trades length (SMS) against margin.
 */
interface TokenKind {
  domain: string;
  macBytes: number;
}

const CLAIM: TokenKind = { domain: 'claim', macBytes: 18 };

function mac(kind: TokenKind, key: SigningKey, payload: string): Buffer {
  return createHmac('sha256', key.secret)
    .update(`${kind.domain}.${key.kid}.${payload}`)
    .digest()
    .subarray(0, kind.macBytes);
}

export function signToken(
  kind: TokenKind,
  fields: ReadonlyArray<string | number>,
  keys: SigningKey[],
): string {
  const key = keys[0];
  if (!key) throw new SigningConfigError('no signing key');
  const payload = b64url(Buffer.from(JSON.stringify(fields)));
  return `${key.kid}.${payload}.${b64url(mac(kind, key, payload))}`;
}

export type TokenProblem = 'malformed' | 'bad_signature' | 'expired';

/** The signed fields of a token, once its key id, MAC and JSON are all sound. */
export function openToken(
  kind: TokenKind,
  token: string,
  keys: SigningKey[],
): { ok: true; fields: unknown[] } | { ok: false; reason: TokenProblem } {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 600) return { ok: false, reason: 'malformed' };
  const [kid, payload, sig] = parts as [string, string, string];
  const key = keys.find((k) => k.kid === kid);
  if (!key) return { ok: false, reason: 'bad_signature' };
  const expected = mac(kind, key, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(fields) ? { ok: true, fields } : { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

export function signClaim(grant: ClaimGrant, keys: SigningKey[]): string {
  return signToken(CLAIM, [grant.site, grant.leadId, grant.memberId, grant.exp], keys);
}

export type VerifyResult = { ok: true; grant: ClaimGrant } | { ok: false; reason: TokenProblem };

export function verifyClaim(token: string, keys: SigningKey[], nowSeconds: number): VerifyResult {
  const opened = openToken(CLAIM, token, keys);
  if (!opened.ok) return opened;
  const [site, leadId, memberId, exp] = opened.fields;
  if (
    opened.fields.length !== 4 ||
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
