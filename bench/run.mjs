// `npm run bench [-- step …]`: builds the worker bundle once, runs each step as its own process
// group in a fresh temp dir, stops every group it started, then prints the table and writes
// bench/results/latest.json and bench/results/latest.md. Figures are reported, never asserted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildBundle, ROOT } from './lib/local-worker.mjs';
import { killGroup, spawnGroup } from './lib/processes.mjs';
import { renderMarkdown, renderTable } from './lib/report.mjs';
import { stateRoot } from './lib/state-dir.mjs';

// In the order they run: the cheap, deterministic ones first.
const STEPS = [
  'widget-weight',
  'bundle',
  'intake',
  'time-to-alert',
  'escalation',
  'cost',
  'profile',
  'page-impact',
];
const STEP_TIMEOUT_MS = 5 * 60_000;

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !STEPS.includes(a));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps are: ${STEPS.join(', ')}`);
  process.exit(2);
}
const steps = asked.length ? STEPS.filter((s) => asked.includes(s)) : STEPS;
if (!existsSync(join(ROOT, 'dist/public/widget.js'))) {
  console.error('dist/public/widget.js is missing: `npm run bench` builds it first.');
  process.exit(2);
}

const tmp = mkdtempSync(join(stateRoot(), 'firstcall-bench-'));
let current = null;
let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  if (current) await killGroup(current).catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
};
process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));

async function runStep(name, bundle) {
  const out = join(tmp, `${name}.json`);
  const script = join(ROOT, 'bench/steps', `${name}.mjs`);
  // node:sqlite (read by the cost step) still prints an experimental warning on Node 22.
  const child = spawnGroup(process.execPath, ['--disable-warning=ExperimentalWarning', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BENCH_TMP: tmp, BENCH_BUNDLE: bundle, BENCH_OUT: out, BENCH_STEP: name },
  });
  current = child.pid;
  const started = Date.now();
  const timer = setTimeout(() => {
    console.error(`  ${name}: no result after ${STEP_TIMEOUT_MS / 1000} s, stopping it`);
    void killGroup(child.pid);
  }, STEP_TIMEOUT_MS);
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearTimeout(timer);
  // Whatever the step left running (a workerd, a chromium) goes with its group.
  await killGroup(child.pid);
  current = null;
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (code !== 0 || !existsSync(out)) return { error: `exited with ${code}`, seconds };
  return { ...JSON.parse(readFileSync(out, 'utf8')), seconds };
}

/** Which code was measured: the commit, and how many files outside bench/ differ from it. */
function gitState() {
  const git = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    const changed = git(['status', '--porcelain']).split('\n').filter(Boolean);
    return {
      commit: git(['rev-parse', 'HEAD']),
      changedFiles: changed.filter((line) => !line.slice(3).startsWith('bench/')).length,
    };
  } catch {
    return { commit: 'unknown', changedFiles: 0 };
  }
}

const results = {};
const startedAt = new Date();
// Other people's work on the same machine shows up as noise; the load average says how much.
const loadAverage = loadavg()[0].toFixed(2);
try {
  console.error('building the worker bundle (wrangler deploy --dry-run)…');
  const bundle = await buildBundle(join(tmp, 'bundle'), {
    onSpawn: (pid) => {
      current = pid;
    },
  });
  current = null;
  for (const name of steps) {
    console.error(`\n▶ ${name}`);
    results[name] = await runStep(name, bundle);
    if (stopping) break;
    if (results[name].error) console.error(`  ${name} failed: ${results[name].error}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Interrupted: stop() is ending the process; the last complete results stay as they were.
if (stopping) await new Promise(() => {});

const report = {
  startedAt: startedAt.toISOString(),
  git: gitState(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: { cpus: cpus().length, node: process.version, loadAverage },
  state: stateRoot() === '/dev/shm' ? 'tmpfs (/dev/shm)' : `disk (${stateRoot()})`,
  results,
};
const dir = join(ROOT, 'bench/results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(dir, 'latest.md'), renderMarkdown(report));
console.log(`\n${renderTable(report)}`);
console.log('\nwrote bench/results/latest.json and bench/results/latest.md');
if (Object.values(results).some((r) => r.error)) process.exitCode = 1;
