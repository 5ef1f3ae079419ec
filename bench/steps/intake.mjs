// Lead intake: requests per second and p50/p99 latency of POST /v1/sites/:site/leads against the
// no-op route of the same worker on the same workerd, for one site and for leads spread over 50
// sites; rounds alternate the three so drift hits them alike.
import { startBenchWorker } from '../lib/bench-worker.mjs';
import { HOST_ORIGIN, leadBody, putSite } from '../lib/fixtures.mjs';
import { closedLoop } from '../lib/load.mjs';
import { cpuSeconds, waitIdle } from '../lib/processes.mjs';
import { acrossRuns, field, round } from '../lib/stats.mjs';
import { log, runStep } from '../lib/step.mjs';

const ROUNDS = Number(process.env.BENCH_INTAKE_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 8);
const MAX_REQUESTS = 5000;
const MAX_MS = 3000;
const SITES = 50;

// The same body and headers for every scenario, so the no-op pays for receiving the same request.
const post = (path, key, n) => ({
  method: 'POST',
  path,
  headers: { 'Content-Type': 'application/json', Origin: HOST_ORIGIN, 'Idempotency-Key': key },
  body: JSON.stringify(leadBody(n)),
});

const SCENARIOS = {
  noop: (tag) => (i) => post('/bench/noop', `bench-${tag}-${i}`, i),
  lead: (tag) => (i) => post('/v1/sites/bench-one/leads', `bench-${tag}-${i}`, i),
  lead50: (tag) => (i) => post(`/v1/sites/bench-s${i % SITES}/leads`, `bench-${tag}-${i}`, i),
};

runStep(async (ctx) => {
  const worker = await startBenchWorker(ctx);
  await putSite(worker.origin, 'bench-one');
  for (let s = 0; s < SITES; s++) await putSite(worker.origin, `bench-s${s}`);

  const measure = async (name, tag, maxRequests, maxMs) => {
    await waitIdle(worker.workerdPid);
    const cpuBefore = cpuSeconds(worker.workerdPid);
    const result = await closedLoop({
      origin: worker.origin,
      concurrency: CONCURRENCY,
      maxRequests,
      maxMs,
      request: SCENARIOS[name](tag),
      expect: name === 'noop' ? 200 : 201,
    });
    // Work the answers left behind (sending the ack and the alert) belongs to these requests.
    await waitIdle(worker.workerdPid);
    const cpuMs = (cpuSeconds(worker.workerdPid) - cpuBefore) * 1000;
    if (result.failures)
      throw new Error(`${name}: ${result.failures} failed: ${result.firstFailure}`);
    return { ...result, cpuMsPerRequest: cpuMs / result.ok };
  };

  // Warm-up: the first requests compile code and open every site's object.
  for (const name of Object.keys(SCENARIOS)) await measure(name, `warm-${name}`, 300, 10_000);

  const runs = { noop: [], lead: [], lead50: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of Object.keys(SCENARIOS)) {
      const res = await measure(name, `r${r}-${name}`, MAX_REQUESTS, MAX_MS);
      runs[name].push(res);
      log(
        `round ${r + 1} ${name}: ${round(res.rps, 0)} req/s, p50 ${round(res.p50Ms, 2)} ms, p99 ${round(res.p99Ms, 2)} ms, ${round(res.cpuMsPerRequest, 2)} ms CPU/req`,
      );
    }
  }
  const ratio = (name) => runs[name].map((res, r) => res.rps / runs.noop[r].rps);
  const summary = (name) => ({
    rps: field(runs[name], 'rps'),
    p50Ms: field(runs[name], 'p50Ms'),
    p99Ms: field(runs[name], 'p99Ms'),
    cpuMsPerRequest: field(runs[name], 'cpuMsPerRequest'),
    requests: runs[name].map((res) => res.ok),
  });
  return {
    runtime: 'workerd via Miniflare (bundle from wrangler deploy --dry-run), HTTP on loopback',
    sink: worker.sink.name,
    concurrency: CONCURRENCY,
    bound: { maxRequests: MAX_REQUESTS, maxSeconds: MAX_MS / 1000 },
    rounds: ROUNDS,
    sites: SITES,
    noop: summary('noop'),
    lead: summary('lead'),
    lead50: summary('lead50'),
    // Each round's lead throughput over the same round's no-op throughput.
    ratio: { lead: acrossRuns(ratio('lead')), lead50: acrossRuns(ratio('lead50')) },
  };
});
