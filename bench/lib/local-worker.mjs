// The worker as the bench runs it: the bundle `wrangler deploy` would upload, in workerd, driven by
// Miniflare directly. Not `wrangler dev`: its Node proxy in front of workerd costs several times
// the CPU of a cheap request and would hide the worker's own cost. Miniflare's HTTP port goes
// straight to workerd, where Miniflare's small entry worker hands the request to ours.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { childPids, killGroup, spawnGroup } from './processes.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ADMIN_TOKEN = 'bench-admin-token';

/** Environment for every wrangler the bench starts: no metrics, no fetch of the `cf` object. */
export const WRANGLER_ENV = {
  ...process.env,
  PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  NO_COLOR: '1',
};

// Miniflare is wrangler's own dependency: load the copy wrangler uses, so the bench runs the same
// workerd as `wrangler dev` and the runtime tests without pinning it a second time.
const fromWrangler = createRequire(createRequire(import.meta.url).resolve('wrangler'));
const { Miniflare, convertV4MiniflareOptions } = await import(
  pathToFileURL(fromWrangler.resolve('miniflare')).href
);

/**
 * `wrangler deploy --dry-run --outdir`: the exact script a deploy uploads. Returns its path;
 * `onSpawn` gets wrangler's process group id, for a caller that may have to stop it.
 */
export async function buildBundle(outDir, { minify = false, onSpawn = () => {} } = {}) {
  const args = ['deploy', '--dry-run', '--outdir', outDir, '--metafile', join(outDir, 'meta.json')];
  if (minify) args.push('--minify');
  const child = spawnGroup(join(ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: ROOT,
    env: WRANGLER_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn(child.pid);
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  await killGroup(child.pid);
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed (${code}):\n${log}`);
  return join(outDir, 'index.js');
}

/**
 * Starts workerd with the bundle and wrangler.toml's bindings, Durable Objects, assets and
 * compatibility settings (read by wrangler itself), persisting to `persistDir`.
 */
export async function startLocalWorker({ bundle, persistDir, bindings = {}, inspectorPort }) {
  // modulesRules tell Miniflare how to load source files; the bundle is one ES module already.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(
    join(ROOT, 'wrangler.toml'),
  ).workerOptions;
  const before = new Set(childPids(process.pid, 'workerd'));
  // wrangler describes the worker in Miniflare's v4 option shape; Miniflare converts it.
  const options = convertV4MiniflareOptions({
    rootPath: ROOT,
    workers: [
      {
        ...workerOptions,
        name: 'firstcall',
        scriptPath: bundle,
        modulesRoot: dirname(bundle),
        modules: true,
        bindings: {
          ...workerOptions.bindings,
          DEV_MODE: '1',
          ADMIN_TOKEN,
          // Cloudflare's rate limits would answer 429 to a benchmark; development mode lets it
          // turn them off, so their binding calls are not in the figures.
          RATE_LIMITS_OFF: '1',
          ...bindings,
        },
      },
    ],
    host: '127.0.0.1',
    port: 0,
    resourcePersistencePath: persistDir,
    logRequests: false,
    cf: false,
    ...(inspectorPort ? { inspectorPort, inspectorHost: '127.0.0.1' } : {}),
  });
  const mf = new Miniflare({ ...options, enableDevRegistry: false });
  const url = await mf.ready;
  const pids = childPids(process.pid, 'workerd').filter((pid) => !before.has(pid));
  if (pids.length !== 1) {
    await mf.dispose();
    throw new Error(`expected one new workerd child, found ${pids.length}`);
  }
  return {
    origin: url.origin,
    workerdPid: pids[0],
    persistDir,
    dispose: () => mf.dispose(),
  };
}
