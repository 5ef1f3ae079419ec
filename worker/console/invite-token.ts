// Signed invite links for the console. They use the same LINK_SIGNING_KEYS as claim links (with
// key ids, so keys rotate the same way) but a different MAC domain and a purpose field: a claim
// token can never pass as an invite, nor an invite as a claim. The signature only proves who
// made the link; single use is the site's record of the invite id.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SigningConfigError, type signingKeys } from '../links';

export const INVITE_TTL_SECONDS = 72 * 3600;

export interface InviteGrant {
  site: string;
  inviteId: string;
  memberId: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

type Keys = ReturnType<typeof signingKeys>;
type Key = Keys[number];

const PURPOSE = 'invite';

const mac = (key: Key, payload: string): Buffer =>
  createHmac('sha256', key.secret).update(`${PURPOSE}.${key.kid}.${payload}`).digest();

export const newInviteId = (): string => randomBytes(16).toString('base64url');

export function signInvite(grant: InviteGrant, keys: Keys): string {
  const key = keys[0];
  if (!key) throw new SigningConfigError('no signing key');
  const payload = Buffer.from(
    JSON.stringify([PURPOSE, grant.site, grant.inviteId, grant.memberId, grant.exp]),
  ).toString('base64url');
  return `${key.kid}.${payload}.${mac(key, payload).toString('base64url')}`;
}

export type InviteCheck =
  | { ok: true; grant: InviteGrant }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyInvite(token: string, keys: Keys, nowSeconds: number): InviteCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 600) return { ok: false, reason: 'malformed' };
  const [kid, payload, sig] = parts as [string, string, string];
  const key = keys.find((k) => k.kid === kid);
  if (!key) return { ok: false, reason: 'bad_signature' };
  const expected = mac(key, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!Array.isArray(fields) || fields.length !== 5 || fields[0] !== PURPOSE)
    return { ok: false, reason: 'malformed' };
  const [, site, inviteId, memberId, exp] = fields as unknown[];
  if (
    typeof site !== 'string' ||
    typeof inviteId !== 'string' ||
    typeof memberId !== 'string' ||
    typeof exp !== 'number'
  )
    return { ok: false, reason: 'malformed' };
  if (exp < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { site, inviteId, memberId, exp } };
}

/** Where an invite link points: the token rides in the fragment, which no server or log sees. */
export const inviteUrl = (origin: string, token: string): string =>
  `${origin}/console/join#${token}`;
