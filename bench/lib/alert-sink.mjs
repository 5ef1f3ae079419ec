// Where the bench sees a CSR alert leave the worker, for time-to-alert. Each sink gives the
// bindings the worker needs to send to it and, for a set of leads, the instant each lead's first
// CSR alert arrived (epoch ms).
import { createServer } from 'node:http';

/**
 * The one switch. With the Twilio adapter in the tree (issue #3), SMS goes to a local fake of
 * Twilio's Messages API, as it goes to Twilio in production; BENCH_ALERT_SINK=dev-outbox
 * measures the dev outbox path instead (DEV_MODE=1 and no Twilio secrets).
 */
export function startAlertSink() {
  return process.env.BENCH_ALERT_SINK === 'dev-outbox'
    ? startDevOutboxSink()
    : startFakeTwilioSink();
}

/**
 * The dev outbox stamps each entry with the Site object's clock just before it hands the
 * message over: the moment a provider call would start.
 */
export async function startDevOutboxSink() {
  return {
    name: 'dev outbox (/dev/outbox.json `at`)',
    bindings: {},
    async arrivals(origin) {
      // The page lists the latest 500 entries; callers read it after at most 200 leads.
      const entries = await (await fetch(`${origin}/dev/outbox.json`)).json();
      const first = new Map();
      for (const e of entries) {
        if (e.kind !== 'csr-alert') continue;
        const at = Date.parse(e.at);
        if (!first.has(e.leadId) || at < first.get(e.leadId)) first.set(e.leadId, at);
      }
      return first;
    },
    stop: async () => {},
  };
}

/** The lead a CSR alert is about, read from the claim link in its text (`/c/kid.payload.mac`). */
function leadIdFromAlert(text) {
  const payload = /\/c\/[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\./.exec(text)?.[1];
  if (!payload) return null; // an acknowledgement to the homeowner has no claim link
  const [, leadId] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return typeof leadId === 'string' ? leadId : null;
}

/**
 * A local stand-in for Twilio's Messages API: answers 201 with a sid, as Twilio does, and
 * records when each lead's first alert arrived (acknowledgements to homeowners are answered too).
 */
export async function startFakeTwilioSink() {
  const first = new Map();
  let sent = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const at = performance.timeOrigin + performance.now();
      if (req.method !== 'POST' || !/\/Messages\.json$/.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      const leadId = leadIdFromAlert(new URLSearchParams(body).get('Body') ?? '');
      if (leadId && !first.has(leadId)) first.set(leadId, at);
      sent++;
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ sid: `SM${String(sent).padStart(32, '0')}`, status: 'queued' }));
    });
  });
  // Keep idle connections open as Twilio does: Node's default (5 s) closes them just as workerd
  // reuses one between bursts, which the adapter sees as "Network connection lost" and retries.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    name: 'fake Twilio Messages API (arrival at the local server)',
    bindings: {
      TWILIO_API_BASE: `http://127.0.0.1:${port}`,
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'bench-auth-token',
      TWILIO_FROM_NUMBER: '+13125550199',
    },
    arrivals: async () => new Map(first),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
