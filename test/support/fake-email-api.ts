// Resend's POST /emails on 127.0.0.1, checking what the real API checks: a User-Agent, bearer
// auth (401 when missing, 403 when wrong), a JSON body with from, subject, text or html and `to`
// as an array of addresses (422 otherwise), and the Idempotency-Key contract (the same key and
// body replay the first answer; the same key with another body is a 409). Errors use Resend's
// shape { statusCode, name, message }, so the adapter's classification is tested for real.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from './read-body';

export interface ReceivedEmailRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw body, and its parse when it was JSON. */
  raw: string;
  body: unknown;
  /** What the fake answered: the status and, on success, the email id. */
  status: number;
  id?: string;
}

/** An email the fake accepted (a replayed idempotent request adds none). */
export interface AcceptedEmail {
  id: string;
  idempotencyKey: string | undefined;
  payload: Record<string, unknown>;
}

/** 'normal' answers like Resend; an error makes every authenticated request fail with it. */
export type EmailApiMode =
  | 'normal'
  | { status: number; name: string; message: string; retryAfter?: string };

export interface FakeEmailApi {
  /** The apiBase to configure, e.g. http://127.0.0.1:PORT */
  url: string;
  apiKey: string;
  received: ReceivedEmailRequest[];
  sent: AcceptedEmail[];
  setMode(mode: EmailApiMode): void;
  close(): Promise<void>;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** "a@b.co" or "Name <a@b.co>", the two forms Resend accepts. */
const isAddress = (value: unknown) =>
  typeof value === 'string' &&
  (ADDRESS.test(value) || /^[^<>]*<([^<>]+)>$/.exec(value)?.[1]?.match(ADDRESS) != null);

export async function startFakeEmailApi(apiKey = 're_test_0123456789'): Promise<FakeEmailApi> {
  const received: ReceivedEmailRequest[] = [];
  const sent: AcceptedEmail[] = [];
  const byKey = new Map<string, { raw: string; id: string }>();
  let mode: EmailApiMode = 'normal';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const entry: ReceivedEmailRequest = {
      method: req.method ?? '',
      path: req.url ?? '/',
      headers: req.headers,
      raw,
      body: undefined,
      status: 0,
    };
    received.push(entry);
    const reply = (status: number, json: object, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    const fail = (
      status: number,
      name: string,
      message: string,
      headers?: Record<string, string>,
    ) => reply(status, { statusCode: status, name, message }, headers);

    if (entry.path !== '/emails')
      return fail(404, 'not_found', 'The requested endpoint does not exist.');
    if (entry.method !== 'POST') return fail(405, 'method_not_allowed', 'Method is not allowed.');
    if (!req.headers['user-agent'])
      return fail(403, 'forbidden', 'error code: 1010 (no User-Agent)');
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bearer ')) {
      return fail(401, 'missing_api_key', 'Missing API key in the authorization header.');
    }
    if (auth !== `Bearer ${apiKey}`) return fail(403, 'invalid_api_key', 'API key is invalid.');
    if (mode !== 'normal') {
      const headers: Record<string, string> = mode.retryAfter
        ? { 'retry-after': mode.retryAfter }
        : {};
      return fail(mode.status, mode.name, mode.message, headers);
    }
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return fail(400, 'validation_error', 'Content-Type must be application/json.');
    }
    try {
      entry.body = JSON.parse(raw);
    } catch {
      return fail(400, 'validation_error', 'The body is not valid JSON.');
    }
    const key = req.headers['idempotency-key'];
    if (Array.isArray(key) || (key !== undefined && (key.length < 1 || key.length > 256))) {
      return fail(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    }
    const payload = entry.body;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return fail(422, 'validation_error', 'The body must be a JSON object.');
    }
    const fields = payload as Record<string, unknown>;
    const missing = ['from', 'to', 'subject'].filter((name) => !fields[name]);
    if (!fields.text && !fields.html) missing.push('text or html');
    if (missing.length) {
      return fail(422, 'missing_required_field', `Missing \`${missing.join('`, `')}\` field.`);
    }
    // Resend also takes a single string; this adapter promises an array, so hold it to that.
    if (!Array.isArray(fields.to) || fields.to.length === 0 || !fields.to.every(isAddress)) {
      return fail(
        422,
        'validation_error',
        'Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
      );
    }
    if (!isAddress(fields.from)) return fail(422, 'invalid_from_address', 'Invalid `from` field.');

    if (key !== undefined) {
      const earlier = byKey.get(key);
      if (earlier && earlier.raw !== raw) {
        return fail(
          409,
          'invalid_idempotent_request',
          'Same idempotency key used with a different request payload.',
        );
      }
      if (earlier) {
        entry.id = earlier.id;
        return reply(200, { id: earlier.id });
      }
    }
    const id = randomUUID();
    if (key !== undefined) byKey.set(key, { raw, id });
    sent.push({ id, idempotencyKey: key, payload: fields });
    entry.id = id;
    return reply(200, { id });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake email API has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    apiKey,
    received,
    sent,
    setMode: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
