// Where a lead's CPU goes inside the worker: a V8 CPU profile of the worker's isolate (the
// Worker and its Durable Objects) while leads arrive, taken through workerd's inspector. Kept
// apart from the timing steps because an attached profiler slows the isolate down.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startBenchWorker } from '../lib/bench-worker.mjs';
import { profileWhile, summariseProfile } from '../lib/cpu-profile.mjs';
import { HOST_ORIGIN, leadBody, putSite } from '../lib/fixtures.mjs';
import { closedLoop } from '../lib/load.mjs';
import { ROOT } from '../lib/local-worker.mjs';
import { cpuSeconds, waitIdle } from '../lib/processes.mjs';
import { runStep } from '../lib/step.mjs';

const LEADS = 1500;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const leads = (tag) => (i) => ({
  method: 'POST',
  path: `/v1/sites/profile-s${i % 10}/leads`,
  headers: {
    'Content-Type': 'application/json',
    Origin: HOST_ORIGIN,
    'Idempotency-Key': `bench-${tag}-${i}`,
  },
  body: JSON.stringify(leadBody(i)),
});

runStep(async (ctx) => {
  const inspectorPort = await freePort();
  const worker = await startBenchWorker(ctx, { inspectorPort });
  const load = (tag, count) =>
    closedLoop({
      origin: worker.origin,
      concurrency: 8,
      maxRequests: count,
      maxMs: 60_000,
      request: leads(tag),
      expect: 201,
    });
  for (let s = 0; s < 10; s++) await putSite(worker.origin, `profile-s${s}`);
  await load('warm', 300);
  await waitIdle(worker.workerdPid);
  // The window ends with the load: an idle tail would only add samples that belong to no work.
  const cpuBefore = cpuSeconds(worker.workerdPid);
  const profile = await profileWhile(inspectorPort, 'firstcall', () => load('profiled', LEADS));
  const workerdCpuMs = Math.round((cpuSeconds(worker.workerdPid) - cpuBefore) * 1000);
  // Open it in Chrome DevTools (Performance panel) to see the whole picture.
  writeFileSync(join(ROOT, 'bench/results/lead.cpuprofile'), JSON.stringify(profile));
  return {
    leads: LEADS,
    file: 'bench/results/lead.cpuprofile',
    // What workerd spent in the window, all threads: the profile's busyMs should be near it.
    workerdCpuMs,
    ...summariseProfile(profile, ctx.bundle),
  };
});
