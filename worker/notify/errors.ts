/** Why a delivery can never succeed as it is: retrying would only repeat the failure. */
export type PermanentReason =
  | 'gone'
  | 'invalid_recipient'
  | 'opted_out'
  | 'rejected'
  | 'not_configured';

/** A failure that retrying cannot fix: stop, show it on the timeline, try the member's next channel. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly reason: PermanentReason,
  ) {
    super(message);
  }
}

/** A failure worth retrying (5xx, 429, timeout, network), optionally with the provider's wait. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Classifies an HTTP answer the way every provider adapter does, so they agree on retries. */
export async function failureFromResponse(
  provider: string,
  res: Response,
  now: number,
): Promise<Error> {
  const detail = (await res.text().catch(() => '')).slice(0, 300);
  const message = `${provider} answered ${res.status}${detail ? `: ${detail}` : ''}`;
  if (res.status === 429 || res.status >= 500 || res.status === 408) {
    return new RetryableDeliveryError(message, retryAfterMs(res.headers.get('retry-after'), now));
  }
  if (res.status === 404 || res.status === 410) return new PermanentDeliveryError(message, 'gone');
  if (res.status === 401 || res.status === 403)
    return new PermanentDeliveryError(message, 'not_configured');
  return new PermanentDeliveryError(message, 'rejected');
}

/** fetch with a deadline; a network error or timeout is always worth retrying. */
export async function providerFetch(
  provider: string,
  url: string,
  init: RequestInit,
  timeoutMs = 10_000,
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new RetryableDeliveryError(
      `${provider} unreachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
