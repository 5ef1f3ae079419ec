// Sends a lead and keeps trying through the failures a homeowner on a weak mobile signal hits.
// The Idempotency-Key is chosen by the caller and is the same on every try, so a retry after a
// lost response can never create a second lead (the worker dedupes on it). The body is the JSON
// text itself, so a lead queued in the outbox goes out byte for byte as it was first sent.
import type { ErrorBody, LeadCreated } from '../../shared/schemas';

export type SubmitOutcome =
  | { kind: 'created'; lead: LeadCreated }
  /** 400: the server explained what to fix, per field where it could. */
  | { kind: 'invalid'; message: string; fields: Record<string, string> }
  /** 409: the key was already used for a lead with other details (edited after a lost reply). */
  | { kind: 'conflict' }
  /** Another 4xx: retrying the same request can't help. */
  | { kind: 'refused'; message: string }
  /** Network down, timeouts, 5xx, 408 or 429 on every try. */
  | { kind: 'unreachable' };

export interface RetryPolicy {
  /** Pause before each retry; its length is the number of retries. */
  delaysMs: readonly number[];
  /** A Retry-After longer than this is cut to it: the homeowner is watching a spinner. */
  maxRetryAfterMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  delaysMs: [500, 1500],
  maxRetryAfterMs: 4000,
  timeoutMs: 10_000,
};

/** The outbox tries once per chance (back online, page shown); the next chance is the retry. */
export const SINGLE_TRY: RetryPolicy = { delaysMs: [], maxRetryAfterMs: 0, timeoutMs: 15_000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function readError(res: Response): Promise<ErrorBody['error'] | undefined> {
  try {
    return ((await res.json()) as ErrorBody).error;
  } catch {
    return undefined;
  }
}

export async function submitLead(
  url: string,
  body: string,
  idempotencyKey: string,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<SubmitOutcome> {
  for (let attempt = 0; ; attempt++) {
    let serverWait: number | undefined;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body,
        credentials: 'omit',
        // Goes on even if the homeowner closes the page while it is on its way.
        keepalive: true,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      if (res.ok) return { kind: 'created', lead: (await res.json()) as LeadCreated };
      if (res.status === 409) return { kind: 'conflict' };
      if (res.status < 500 && res.status !== 408 && res.status !== 429) {
        const error = await readError(res);
        const message = error?.message ?? 'The request was not accepted.';
        return res.status === 400
          ? { kind: 'invalid', message, fields: error?.fields ?? {} }
          : { kind: 'refused', message };
      }
      // Readable only if the worker lists it in Access-Control-Expose-Headers.
      serverWait = retryAfterMs(res.headers.get('Retry-After'));
    } catch {
      // Offline, DNS, timeout or an unreadable 2xx body: all worth another try with the same key.
    }
    const backoff = policy.delaysMs[attempt];
    if (backoff === undefined) return { kind: 'unreachable' };
    await sleep(Math.min(serverWait ?? backoff, policy.maxRetryAfterMs));
  }
}
