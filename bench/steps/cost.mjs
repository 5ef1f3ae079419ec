// Cost per lead. CPU: workerd's own user+system time (/proc/<pid>/stat) over chunks of leads,
// after the answers' follow-up work (sending the ack and the alert) has finished, minus the same
// over chunks of no-op requests of the same size. Storage: the site's SQLite database after
// 10,000 leads with their full timelines, read with node:sqlite once workerd has closed it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startBenchWorker } from '../lib/bench-worker.mjs';
import { HOST_ORIGIN, leadBody, leadDetail, postLead, putSite } from '../lib/fixtures.mjs';
import { closedLoop } from '../lib/load.mjs';
import { cpuSeconds, waitIdle } from '../lib/processes.mjs';
import { acrossRuns, field, round } from '../lib/stats.mjs';
import { log, runStep } from '../lib/step.mjs';

const LEADS = Number(process.env.BENCH_COST_LEADS ?? 10_000);
const CHUNK = 1000;
const NOOP_CHUNKS = 3;
const CONCURRENCY = 8;
const SITE = 'cost';

const request = (path, tag) => (i) => ({
  method: 'POST',
  path,
  headers: {
    'Content-Type': 'application/json',
    Origin: HOST_ORIGIN,
    'Idempotency-Key': `bench-${tag}-${i}`,
  },
  body: JSON.stringify(leadBody(i)),
});

/** The Site object's database for one site: the file whose meta table names it. */
function siteDatabase(persistDir, site) {
  const dir = join(persistDir, 'do', 'firstcall-Site');
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.sqlite') || name === 'metadata.sqlite') continue;
    const path = join(dir, name);
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'site'").get();
      if (row?.value === site) return path;
    } finally {
      db.close();
    }
  }
  throw new Error(`no database for site ${site} under ${dir}`);
}

function fileBytes(path) {
  return ['', '-wal', '-shm'].reduce((sum, suffix) => {
    try {
      return sum + statSync(path + suffix).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** Pages in use (what the object's `sql.databaseSize` reports) and bytes per table with indexes. */
function databaseBreakdown(path) {
  const db = new DatabaseSync(path);
  try {
    const { page_count: pages } = db.prepare('PRAGMA page_count').get();
    const { page_size: pageSize } = db.prepare('PRAGMA page_size').get();
    const tables = db
      .prepare(
        `SELECT COALESCE(m.tbl_name, d.name) AS tbl, SUM(d.pgsize) AS bytes
         FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name
         GROUP BY tbl ORDER BY bytes DESC`,
      )
      .all();
    const rows = Object.fromEntries(
      ['leads', 'events', 'outbox', 'idempotency', 'timers'].map((t) => [
        t,
        db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get().n,
      ]),
    );
    return { bytes: pages * pageSize, tables, rows };
  } finally {
    db.close();
  }
}

runStep(async (ctx) => {
  const worker = await startBenchWorker(ctx);
  const { persistDir } = worker;
  const pid = worker.workerdPid;
  await putSite(worker.origin, SITE);
  await putSite(worker.origin, 'warm');

  const chunk = async (path, tag, expect) => {
    await waitIdle(pid);
    const before = cpuSeconds(pid);
    const res = await closedLoop({
      origin: worker.origin,
      concurrency: CONCURRENCY,
      maxRequests: CHUNK,
      maxMs: 60_000,
      request: request(path, tag),
      expect,
    });
    if (res.failures) throw new Error(`${tag}: ${res.failures} failed: ${res.firstFailure}`);
    await waitIdle(pid);
    return { cpuMs: ((cpuSeconds(pid) - before) * 1000) / res.ok, ok: res.ok };
  };

  // Warm-up on another site, so the measured site holds exactly the measured leads.
  await chunk('/v1/sites/warm/leads', 'warm', 201);
  await chunk('/bench/noop', 'warm-noop', 200);

  const noop = [];
  const leads = [];
  for (let c = 0; c < LEADS / CHUNK; c++) {
    // No-op chunks between the first lead chunks, so both see the same machine.
    if (c < NOOP_CHUNKS) noop.push(await chunk('/bench/noop', `noop-${c}`, 200));
    leads.push(await chunk(`/v1/sites/${SITE}/leads`, `lead-${c}`, 201));
    log(`${(c + 1) * CHUNK} leads: ${round(leads.at(-1).cpuMs, 2)} ms CPU per lead`);
  }
  const noopMs = acrossRuns(noop.map((n) => n.cpuMs));
  const netMs = acrossRuns(leads.map((l) => l.cpuMs - noopMs.median));

  // A full timeline: received, assigned, ack queued and sent, alert queued and sent.
  const one = await postLead(worker.origin, 'warm', 1, 'bench-cost-timeline-probe');
  await waitIdle(pid);
  const timeline = (await leadDetail(worker.origin, 'warm', one)).timeline.map((e) => e.type);

  const dbPath = siteDatabase(persistDir, SITE);
  const filesBefore = fileBytes(dbPath);
  await worker.dispose();
  const filesAfterClose = fileBytes(dbPath);
  const db = databaseBreakdown(dbPath);
  const leadsStored = db.rows.leads;
  log(`${leadsStored} leads: ${db.bytes} bytes in use, ${round(db.bytes / leadsStored, 0)} B/lead`);
  return {
    sink: worker.sink.name,
    leads: LEADS,
    chunk: CHUNK,
    concurrency: CONCURRENCY,
    cpuMsPerLead: field(leads, 'cpuMs'),
    // A cost that grows with the site's history shows as a gap between these two.
    cpuMsFirstChunk: leads[0].cpuMs,
    cpuMsLastChunk: leads.at(-1).cpuMs,
    cpuMsPerNoop: noopMs,
    netCpuMsPerLead: netMs,
    timelineOfOneLead: timeline,
    storage: {
      leads: leadsStored,
      databaseBytes: db.bytes,
      bytesPerLead: db.bytes / leadsStored,
      filesBytesWhileOpen: filesBefore,
      filesBytesAfterClose: filesAfterClose,
      rows: db.rows,
      tables: db.tables.map((t) => ({ ...t, bytesPerLead: t.bytes / leadsStored })),
    },
  };
});
