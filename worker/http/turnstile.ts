// Cloudflare Turnstile, server side: every token is checked with the siteverify API. The lead's
// Idempotency-Key goes along, so the retry of a lead that was already checked gets the same
// answer instead of "token already used".
import type { Env } from '../env';
import { ApiError } from './errors';

export const TURNSTILE_SCRIPT =
  'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
const API_BASE = 'https://challenges.cloudflare.com';

export const turnstileScriptUrl = (env: Env): string =>
  env.TURNSTILE_SCRIPT_URL || TURNSTILE_SCRIPT;

const refused = () =>
  new ApiError(400, 'invalid_request', 'The robot check did not pass', {
    turnstileToken: 'Please confirm you are not a robot',
  });

export async function verifyTurnstile(
  env: Env,
  secret: string,
  token: string | undefined,
  ip: string | undefined,
  idempotencyKey: string,
): Promise<void> {
  if (!token) throw refused();
  const form = new URLSearchParams({
    secret,
    response: token,
    idempotency_key: idempotencyKey.slice(0, 100),
  });
  if (ip) form.set('remoteip', ip);
  let answer: { success?: boolean };
  try {
    const res = await fetch(
      `${(env.TURNSTILE_API_BASE || API_BASE).replace(/\/$/, '')}/turnstile/v0/siteverify`,
      {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(5_000),
      },
    );
    answer = (await res.json()) as { success?: boolean };
  } catch {
    // Turnstile unreachable: the widget keeps the lead and sends it again, so nothing is lost.
    throw new ApiError(
      503,
      'unavailable',
      'Could not check the request right now; please try again',
      undefined,
      { 'Retry-After': '5' },
    );
  }
  if (answer.success !== true) throw refused();
}
