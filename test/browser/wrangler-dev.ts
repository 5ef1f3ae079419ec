// Runs the real worker under `wrangler dev` (workerd, the production runtime) for browser tests,
// and stops it without leaving workerd behind: wrangler is started in its own process group and
// the whole group is signalled, then checked until it is gone.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WranglerDev {
  origin: string;
  stop: () => Promise<void>;
  /** Kills the runtime at once (SIGKILL), as a crash would, keeping its state on disk. */
  crash: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  for (const [signal, waitMs] of [
    ['SIGTERM', 5000],
    ['SIGKILL', 3000],
  ] as const) {
    if (!groupAlive(pid)) return;
    try {
      process.kill(-pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs && groupAlive(pid); waited += 100) await sleep(100);
  }
  if (groupAlive(pid)) throw new Error(`wrangler dev (process group ${pid}) survived SIGKILL`);
}

export async function startWranglerDev(
  root: string,
  port: number,
  vars: Record<string, string>,
  /** State directory to reuse (a restart); by default a fresh one, removed on stop. */
  reuseState?: string,
): Promise<WranglerDev> {
  const persistTo = reuseState ?? mkdtempSync(join(tmpdir(), 'firstcall-browser-'));
  const args = ['dev', '--port', String(port), '--ip', '127.0.0.1'];
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  args.push('--persist-to', persistTo, '--show-interactive-dev-session=false');
  const child = spawn('./node_modules/.bin/wrangler', args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // wrangler's `#!/usr/bin/env node` must find the project's Node 22, not the system one.
      PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      NO_COLOR: '1',
    },
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });

  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await killGroup(child);
    if (!reuseState) rmSync(persistTo, { recursive: true, force: true });
  };
  const crash = async () => {
    if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
    for (
      let waited = 0;
      child.pid !== undefined && groupAlive(child.pid) && waited < 5000;
      waited += 100
    )
      await sleep(100);
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(`wrangler dev exited with ${exited} before it was ready:\n${log}`);
    }
    try {
      // Any HTTP answer (404 for an unknown site is the expected one) means the worker is up.
      await fetch(`${origin}/v1/sites/x/config`, { signal: AbortSignal.timeout(2000) });
      return { origin, stop, crash };
    } catch {
      await sleep(250);
    }
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${origin} within 90 s:\n${log}`);
}
