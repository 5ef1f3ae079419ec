// Escalation lateness: leads left unclaimed under a short policy (alert the assignee at once,
// the on-call list 5 s later); how late step 1 fired after its deadline, read from each lead's
// timeline. For an open site the clock starts when the lead is created, so the deadline is
// createdAt + 5 s. Timeline times come from the Site object's clock, as createdAt does.
import { startBenchWorker } from '../lib/bench-worker.mjs';
import { leadDetail, postLead, putSite, siteConfig } from '../lib/fixtures.mjs';
import { paced } from '../lib/load.mjs';
import { sleep } from '../lib/processes.mjs';
import { ascending, field, percentile } from '../lib/stats.mjs';
import { log, runStep } from '../lib/step.mjs';

const ROUNDS = Number(process.env.BENCH_ESCALATION_ROUNDS ?? 3);
const LEADS = 100;
const PER_SECOND = 50;
const SITES = 10;
const STEP_SECONDS = 5;
const SETTLE_MS = 2500;

const policy = {
  steps: [
    { afterSeconds: 0, notify: ['assignee'] },
    { afterSeconds: STEP_SECONDS, notify: ['on-call'] },
  ],
  repeat: 0,
};

/** Fetches timelines a few at a time, so reading them does not load the worker much. */
async function timelines(origin, leads) {
  const out = [];
  for (let i = 0; i < leads.length; i += 8) {
    const batch = leads.slice(i, i + 8);
    out.push(...(await Promise.all(batch.map((l) => leadDetail(origin, l.site, l.leadId)))));
  }
  return out;
}

runStep(async (ctx) => {
  const worker = await startBenchWorker(ctx);
  await putSite(worker.origin, 'warm');
  for (let i = 0; i < 50; i++) await postLead(worker.origin, 'warm', i, `bench-warm-${i}`);

  // Every round's sites exist before the first lead, so the rounds can overlap: round r starts
  // while round r-1 waits for its deadlines, which keeps the wall time near one round's.
  for (let r = 0; r < ROUNDS; r++)
    for (let s = 0; s < SITES; s++)
      await putSite(worker.origin, `esc-r${r}-s${s}`, siteConfig({ escalation: policy }));

  const runRound = async (r) => {
    const leads = await paced({
      count: LEADS,
      perSecond: PER_SECOND,
      task: async (i) => {
        const site = `esc-r${r}-s${i % SITES}`;
        return { site, leadId: await postLead(worker.origin, site, i, `bench-esc-${r}-${i}`) };
      },
    });
    return leads;
  };
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push(runRound(r));
    await sleep((LEADS / PER_SECOND) * 1000 + 500);
  }
  const sentLeads = await Promise.all(rounds);
  await sleep(STEP_SECONDS * 1000 + SETTLE_MS);

  const runs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const details = await timelines(worker.origin, sentLeads[r]);
    const fired = [];
    const alerted = [];
    let missing = 0;
    for (const { lead, timeline } of details) {
      const deadline = Date.parse(lead.createdAt) + STEP_SECONDS * 1000;
      const escalated = timeline.find((e) => e.type === 'escalated' && e.firing === 1);
      const sent = timeline.filter((e) => e.type === 'alert_sent' && e.step === 1);
      if (!escalated) {
        missing++;
        continue;
      }
      fired.push(Date.parse(escalated.at) - deadline);
      if (sent.length) alerted.push(Math.min(...sent.map((e) => Date.parse(e.at))) - deadline);
    }
    const f = ascending(fired);
    const a = ascending(alerted);
    const run = {
      leads: details.length,
      missing,
      p50Ms: percentile(f, 50),
      p99Ms: percentile(f, 99),
      maxMs: f.at(-1) ?? null,
      alertP50Ms: percentile(a, 50),
      alertP99Ms: percentile(a, 99),
      alertMaxMs: a.at(-1) ?? null,
    };
    runs.push(run);
    log(
      `round ${r + 1}: step fired p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, max ${run.maxMs} ms; ` +
        `alert sent p50 ${run.alertP50Ms} ms, p99 ${run.alertP99Ms} ms, max ${run.alertMaxMs} ms; missing ${missing}`,
    );
  }
  return {
    sink: worker.sink.name,
    leadsPerRound: LEADS,
    perSecond: PER_SECOND,
    sites: SITES,
    rounds: ROUNDS,
    stepAfterSeconds: STEP_SECONDS,
    // lateness of the `escalated` event (the step firing) after its deadline
    p50Ms: field(runs, 'p50Ms'),
    p99Ms: field(runs, 'p99Ms'),
    maxMs: field(runs, 'maxMs'),
    // lateness of the step's first `alert_sent` (the alert handed to the provider)
    alertP50Ms: field(runs, 'alertP50Ms'),
    alertP99Ms: field(runs, 'alertP99Ms'),
    alertMaxMs: field(runs, 'alertMaxMs'),
    missing: runs.reduce((n, r) => n + r.missing, 0),
  };
});
