// The console's calls to /v1/console. Every request carries X-FirstCall: 1, which the worker
// requires on writes (a cross-site page cannot send it without a CORS preflight it won't get).
import type { ErrorBody } from '../shared/schemas';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

const signedOutListeners = new Set<() => void>();
/** Called whenever the server says the session is gone, so the app can show sign-in help. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}
export const signalSignedOut = (): void => {
  for (const l of signedOutListeners) l();
};

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/v1/console${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        'X-FirstCall': '1',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, 'No connection. Check your signal and try again.');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return data as T;
  const error = (data as ErrorBody | null)?.error;
  if (res.status === 401 && !path.startsWith('/session')) signalSignedOut();
  throw new ApiFailure(
    res.status,
    error?.message ?? `Request failed (${res.status})`,
    error?.fields,
  );
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
