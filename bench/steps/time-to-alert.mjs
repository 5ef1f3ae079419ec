// Time to alert: from sending a lead's POST to its first CSR alert reaching the alert sink (a
// local fake of Twilio's API; see lib/alert-sink.mjs), over hundreds of leads arriving at a
// steady rate across several sites, as they would in life.
import { startBenchWorker } from '../lib/bench-worker.mjs';
import { postLead, putSite } from '../lib/fixtures.mjs';
import { paced } from '../lib/load.mjs';
import { sleep } from '../lib/processes.mjs';
import { ascending, field, percentile, round } from '../lib/stats.mjs';
import { log, runStep } from '../lib/step.mjs';

const ROUNDS = Number(process.env.BENCH_ALERT_ROUNDS ?? 3);
// Per round; with BENCH_ALERT_SINK=dev-outbox, /dev/outbox.json lists only the latest 500 entries.
const LEADS = 150;
const PER_SECOND = 50;
const SITES = 10;
const WAIT_MS = 10_000;

runStep(async (ctx) => {
  const worker = await startBenchWorker(ctx);
  const { sink } = worker;
  // Warm-up on a site of its own, so compiling code is not billed to the first round.
  await putSite(worker.origin, 'warm');
  for (let i = 0; i < 50; i++) await postLead(worker.origin, 'warm', i, `bench-warm-${i}`);
  await sleep(500);

  const runs = [];
  const all = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (let s = 0; s < SITES; s++) await putSite(worker.origin, `alert-r${r}-s${s}`);
    const sent = await paced({
      count: LEADS,
      perSecond: PER_SECOND,
      task: async (i) => {
        const at = performance.timeOrigin + performance.now();
        const leadId = await postLead(
          worker.origin,
          `alert-r${r}-s${i % SITES}`,
          i,
          `bench-alert-${r}-${i}`,
        );
        return { leadId, at };
      },
    });
    let arrived = new Map();
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      arrived = await sink.arrivals(worker.origin);
      if (sent.every((s) => arrived.has(s.leadId))) break;
      await sleep(200);
    }
    const ms = ascending(
      sent.filter((s) => arrived.has(s.leadId)).map((s) => arrived.get(s.leadId) - s.at),
    );
    all.push(...ms);
    const run = {
      leads: LEADS,
      missing: LEADS - ms.length,
      p50Ms: percentile(ms, 50),
      p99Ms: percentile(ms, 99),
      maxMs: ms.at(-1) ?? null,
    };
    runs.push(run);
    log(
      `round ${r + 1}: p50 ${round(run.p50Ms)} ms, p99 ${round(run.p99Ms)} ms, max ${round(run.maxMs)} ms, missing ${run.missing}`,
    );
  }
  const pooled = ascending(all);
  return {
    sink: sink.name,
    leadsPerRound: LEADS,
    perSecond: PER_SECOND,
    sites: SITES,
    rounds: ROUNDS,
    p50Ms: field(runs, 'p50Ms'),
    p99Ms: field(runs, 'p99Ms'),
    maxMs: field(runs, 'maxMs'),
    missing: runs.reduce((n, r) => n + r.missing, 0),
    pooled: { leads: pooled.length, p50Ms: percentile(pooled, 50), p99Ms: percentile(pooled, 99) },
  };
});
