// A Twilio REST API on 127.0.0.1 that checks what Twilio checks: the account path, HTTP Basic
// auth, a form-encoded body with the fields Messages and Calls require, E.164 numbers, and the
// I-Twilio-Idempotency-Token (a repeated token answers the first result and sends nothing new).
// Faults can be switched on to prove the dispatcher's retries.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import {
  type AddressInfo,
  createServer as createNetServer,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { readBody } from './read-body';

export interface TwilioSend {
  resource: 'Messages' | 'Calls';
  sid: string;
  form: Record<string, string>;
  token: string | null;
  at: number;
}

export interface TwilioFaults {
  /** Share of requests answered 503, drawn from a seeded generator so a run can be replayed. */
  failRate?: number;
  seed?: number;
  /** Connections are refused, as when Twilio is unreachable. */
  down?: boolean;
  /** Numbers Twilio refuses as invalid (error 21211). */
  invalid?: string[];
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  fromNumber: string;
  /** Every send Twilio accepted, in order; a replayed idempotency token is not a new send. */
  accepted: TwilioSend[];
  /** Counts of every request by outcome. */
  stats: { requests: number; failed: number; dropped: number; replayed: number; refused: number };
  setFaults(faults: TwilioFaults): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;

/** mulberry32: small, seeded, good enough to make failures look random yet repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const twilioError = (res: ServerResponse, status: number, code: number, message: string) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    }),
  );
};

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const fromNumber = '+13125550100';
  const accepted: TwilioSend[] = [];
  const byToken = new Map<string, TwilioSend>();
  const stats = { requests: 0, failed: 0, dropped: 0, replayed: 0, refused: 0 };
  let faults: TwilioFaults = {};
  let random = seeded(1);
  const sockets = new Set<Socket>();
  let blackhole: NetServer | null = null;

  const server = createServer(async (req, res) => {
    stats.requests++;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match)
      return twilioError(res, 404, 20404, 'The requested resource was not found');
    const [, sid, resource] = match as unknown as [string, string, 'Messages' | 'Calls'];
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || sid !== accountSid) {
      stats.refused++;
      return twilioError(res, 401, 20003, 'Authenticate');
    }
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      stats.refused++;
      return twilioError(res, 400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    if (faults.failRate && random() < faults.failRate) {
      stats.failed++;
      return twilioError(res, 503, 20500, 'Service unavailable');
    }
    const token = (req.headers['i-twilio-idempotency-token'] as string | undefined) ?? null;
    const earlier = token ? byToken.get(token) : undefined;
    if (earlier) {
      stats.replayed++;
      res.writeHead(201, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ sid: earlier.sid, status: 'queued' }));
    }
    const problem = check(resource, form, fromNumber, faults.invalid ?? []);
    if (problem) {
      stats.refused++;
      return twilioError(res, 400, problem.code, problem.message);
    }
    const send: TwilioSend = {
      resource,
      sid: `${resource === 'Messages' ? 'SM' : 'CA'}${randomBytes(16).toString('hex')}`,
      form,
      token,
      at: Date.now(),
    };
    accepted.push(send);
    if (token) byToken.set(token, send);
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        sid: send.sid,
        account_sid: accountSid,
        to: form.To,
        from: form.From,
        status: 'queued',
      }),
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    fromNumber,
    accepted,
    stats,
    async setFaults(next) {
      faults = next;
      random = seeded(next.seed ?? 1);
      // Unreachable: the HTTP server stops and a bare socket on its port counts each connection
      // attempt and resets it before a byte is read, as a host that is down does.
      if (next.down && !blackhole) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
        const hole = createNetServer((socket) => {
          stats.requests++;
          stats.dropped++;
          socket.resetAndDestroy();
        });
        await new Promise<void>((resolve) => hole.listen(port, '127.0.0.1', resolve));
        blackhole = hole;
      } else if (!next.down && blackhole) {
        const hole = blackhole;
        blackhole = null;
        await new Promise<void>((resolve) => hole.close(() => resolve()));
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      }
    },
    reset() {
      accepted.length = 0;
      byToken.clear();
      faults = {};
      Object.assign(stats, { requests: 0, failed: 0, dropped: 0, replayed: 0, refused: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        blackhole?.close();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}

function check(
  resource: 'Messages' | 'Calls',
  form: Record<string, string>,
  from: string,
  invalid: string[],
): { code: number; message: string } | null {
  if (!form.To || !E164.test(form.To) || invalid.includes(form.To))
    return {
      code: 21211,
      message: `The 'To' number ${form.To ?? ''} is not a valid phone number.`,
    };
  if (form.From !== from)
    return {
      code: 21606,
      message:
        "The 'From' phone number provided is not a valid message-capable Twilio phone number.",
    };
  if (resource === 'Messages') {
    if (!form.Body) return { code: 21602, message: 'Message body is required.' };
    if (form.Body.length > 1600)
      return {
        code: 21617,
        message: 'The concatenated message body exceeds the 1600 character limit.',
      };
  } else if (!form.Twiml && !form.Url) {
    return { code: 21205, message: 'Url or Twiml is required.' };
  }
  for (const name of ['StatusCallback', 'Url']) {
    const value = form[name];
    if (value !== undefined && !/^https?:\/\//.test(value))
      return { code: 21609, message: `Invalid ${name}` };
  }
  return null;
}
