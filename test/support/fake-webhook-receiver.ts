// A contractor's webhook receiver on 127.0.0.1, as strict as a real one: every delivery is
// verified with the Standard Webhooks library itself and answered 400 when the signature,
// headers or timestamp do not hold, so a test passes only if the wire format is right.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { readBody } from './read-body';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw body exactly as it arrived: what the signature covers. */
  body: string;
  verified: boolean;
  /** Why verification failed, when it did. */
  error?: string;
  /** The status the receiver answered. */
  status: number;
}

/** How to answer verified deliveries: normally 204; a status (with headers) to act up. */
export type WebhookReceiverMode =
  | 'accept'
  | { status: number; headers?: Record<string, string>; body?: string };

export interface FakeWebhookReceiver {
  /** Base URL, e.g. http://127.0.0.1:PORT; any path is accepted. */
  url: string;
  received: ReceivedWebhook[];
  setMode(mode: WebhookReceiverMode): void;
  close(): Promise<void>;
}

export async function startFakeWebhookReceiver(secret: string): Promise<FakeWebhookReceiver> {
  const verifier = new Webhook(secret);
  const received: ReceivedWebhook[] = [];
  let mode: WebhookReceiverMode = 'accept';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const entry: ReceivedWebhook = {
      path: req.url ?? '/',
      headers: req.headers,
      body,
      verified: false,
      status: 0,
    };
    received.push(entry);
    const answer = (status: number, headers: Record<string, string> = {}, text = '') => {
      entry.status = status;
      res.writeHead(status, headers).end(text);
    };
    if (req.method !== 'POST') return answer(405);
    if (!req.headers['content-type']?.startsWith('application/json')) return answer(415);
    try {
      verifier.verify(body, headerRecord(req));
      entry.verified = true;
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      return answer(400, { 'content-type': 'text/plain' }, entry.error);
    }
    if (mode === 'accept') return answer(204);
    return answer(mode.status, mode.headers, mode.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
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

/** Single-valued headers as the library's verify() expects them. */
function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
