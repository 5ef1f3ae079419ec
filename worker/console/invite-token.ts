// Signed invite links for the console. They use the same LINK_SIGNING_KEYS as claim links (with
// key ids, so keys rotate the same way) but a different MAC domain and a purpose field: a claim
// token can never pass as an invite, nor an invite as a claim. The signature only proves who
// made the link; single use is the site's record of the invite id.
import { randomBytes } from 'node:crypto';
import { openToken, type SigningKey, signToken, type TokenProblem } from '../links';

export const INVITE_TTL_SECONDS = 72 * 3600;

export interface InviteGrant {
  site: string;
  inviteId: string;
  memberId: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

// Full 256-bit MACs: invite links are not texted in a hurry like claim links, so length matters less.
const INVITE = { domain: 'invite', macBytes: 32 };
const PURPOSE = 'invite';

export const newInviteId = (): string => randomBytes(16).toString('base64url');

export function signInvite(grant: InviteGrant, keys: SigningKey[]): string {
  return signToken(INVITE, [PURPOSE, grant.site, grant.inviteId, grant.memberId, grant.exp], keys);
}

export type InviteCheck = { ok: true; grant: InviteGrant } | { ok: false; reason: TokenProblem };

export function verifyInvite(token: string, keys: SigningKey[], nowSeconds: number): InviteCheck {
  const opened = openToken(INVITE, token, keys);
  if (!opened.ok) return opened;
  const [purpose, site, inviteId, memberId, exp] = opened.fields;
  if (
    opened.fields.length !== 5 ||
    purpose !== PURPOSE ||
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
