// Child processes the bench starts, and what it reads about them. Everything is started in its
// own process group and stopped by that group's id: other people run wrangler and workerd on the
// same machine, so nothing here ever looks processes up by name across the system.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a command as the leader of a new process group, so the group can be stopped whole. */
export function spawnGroup(command, args, options = {}) {
  return spawn(command, args, { ...options, detached: true });
}

export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL, to one process group we started; resolves once it is gone. */
export async function killGroup(pgid) {
  if (!pgid) return;
  for (const [signal, waitMs] of [
    ['SIGTERM', 4000],
    ['SIGKILL', 3000],
  ]) {
    if (!groupAlive(pgid)) return;
    try {
      process.kill(-pgid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs && groupAlive(pgid); waited += 50) await sleep(50);
  }
  if (groupAlive(pgid)) throw new Error(`process group ${pgid} survived SIGKILL`);
}

// /proc/<pid>/stat counts CPU in clock ticks; Linux exposes USER_HZ as 100 on every
// architecture we run on (getconf CLK_TCK), and `ps` assumes the same.
const TICKS_PER_SECOND = 100;

function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const close = text.lastIndexOf(')');
  return { comm: text.slice(text.indexOf('(') + 1, close), rest: text.slice(close + 2).split(' ') };
}

/** User + system CPU seconds a process has used so far (its own threads, not its children). */
export function cpuSeconds(pid) {
  const { rest } = statFields(pid);
  // rest[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND;
}

/** Direct children of `ppid` whose command name is `comm`: how we find the workerd we started. */
export function childPids(ppid, comm) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { comm: name, rest } = statFields(entry);
      if (name === comm && Number(rest[1]) === ppid) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * Waits until a process has been quiet (at most one clock tick of CPU in `quietMs`), so work a
 * request left running after its answer (the outbox dispatch) is not billed to the next
 * measurement. Gives up after `maxMs` and says so.
 */
export async function waitIdle(pid, { quietMs = 300, maxMs = 15_000 } = {}) {
  const started = Date.now();
  let last = cpuSeconds(pid);
  while (Date.now() - started < maxMs) {
    await sleep(quietMs);
    const now = cpuSeconds(pid);
    if (now - last <= 1 / TICKS_PER_SECOND) return true;
    last = now;
  }
  return false;
}
