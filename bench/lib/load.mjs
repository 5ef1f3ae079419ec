// The bench's load generators, loopback only and always bounded in both count and time.
// node:http with a keep-alive agent: it costs the client far less CPU per request than fetch,
// which matters when the generator and workerd share two cores.
import http from 'node:http';
import { ascending, percentile } from './stats.mjs';

function send(agent, url, { method, path, headers = {}, body = '' }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode, text }));
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Closed loop: `concurrency` requests in flight, each sent as soon as the previous one on its
 * lane answered, until `maxRequests` were sent or `maxMs` passed. Throughput counts only answers
 * with the expected status; latency is from writing the request to the end of the answer.
 */
export async function closedLoop({ origin, concurrency, maxRequests, maxMs, request, expect }) {
  const url = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let issued = 0;
  let failures = 0;
  let firstFailure = null;
  const started = performance.now();
  const deadline = started + maxMs;
  const lane = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      const req = request(issued++);
      const t0 = performance.now();
      try {
        const res = await send(agent, url, req);
        if (res.status === expect) latencies.push(performance.now() - t0);
        else {
          failures++;
          firstFailure ??= `${res.status} ${res.text.slice(0, 300)}`;
        }
      } catch (error) {
        failures++;
        firstFailure ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = ascending(latencies);
  return {
    ok: latencies.length,
    failures,
    firstFailure,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/**
 * Open loop: starts `task(i)` at a fixed rate whatever the earlier ones are doing (as leads
 * arrive in life), and waits for all of them.
 */
export async function paced({ count, perSecond, task }) {
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(task(i));
  }
  return Promise.all(pending);
}
