// A V8 CPU profile of the worker's isolate, taken through workerd's inspector, and a summary of
// where the self time went: by function and by source file of the bundle. esbuild's unminified
// bundle starts each source file with a `// path/to/file.ts` line, which is how a bundle line is
// traced back to its file without a source map reader.
import { readFileSync } from 'node:fs';

/** Opens a DevTools protocol session on one worker of a workerd started with an inspector port. */
async function connect(inspectorPort, workerName) {
  const list = await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json();
  const target = list.find((t) => t.id === `core:user:${workerName}`);
  if (!target) throw new Error(`no inspector target for worker ${workerName}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error('inspector socket failed')), {
      once: true,
    });
  });
  let nextId = 1;
  const waiting = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/** Profiles the worker's isolate while `work` runs; returns the .cpuprofile object. */
export async function profileWhile(inspectorPort, workerName, work) {
  const session = await connect(inspectorPort, workerName);
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 });
    await session.send('Profiler.start');
    await work();
    const { profile } = await session.send('Profiler.stop');
    return profile;
  } finally {
    session.close();
  }
}

/** Where each source file starts in the bundle, from esbuild's `// file` comments. */
function moduleStarts(bundlePath) {
  const starts = [];
  readFileSync(bundlePath, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /^\/\/ ((?:\.\.\/)*[\w@./-]+\.(?:[cm]?js|ts|tsx|json))$/.exec(line);
      if (m) starts.push({ line: i, file: m[1].replace(/^(\.\.\/)*/, '') });
    });
  return starts;
}

function fileAt(starts, line) {
  let lo = 0;
  let hi = starts.length - 1;
  let found = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid].line <= line) {
      found = starts[mid].file;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Groups node_modules files by package and the project's own files by folder. */
function area(file) {
  if (!file) return '(runtime)';
  const i = file.lastIndexOf('node_modules/');
  if (i >= 0) {
    const parts = file.slice(i + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : file;
}

/**
 * Self time by bundle area (package or folder) and the top functions. Samples outside the bundle
 * ("(program)": workerd's own C++ — HTTP, SQLite, RPC — and "(garbage collector)") are kept apart.
 */
export function summariseProfile(profile, bundlePath, top = 12) {
  const starts = moduleStarts(bundlePath);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byArea = new Map();
  const byFunction = new Map();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id);
    if (callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const inBundle = callFrame.url.endsWith('index.js') && callFrame.lineNumber >= 0;
    const file = inBundle ? fileAt(starts, callFrame.lineNumber) : null;
    const key = inBundle ? area(file) : callFrame.functionName || '(anonymous)';
    byArea.set(key, (byArea.get(key) ?? 0) + us);
    if (inBundle) {
      const name = `${callFrame.functionName || '(anonymous)'} (${file}:${callFrame.lineNumber + 1})`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    }
  }
  const busy = total - idleUs;

  // Inclusive time: each sample counts once for every distinct named bundle function on its
  // stack, which shows what whole operations (submitLead, dispatchDue, …) cost.
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const label = (callFrame) => {
    if (!callFrame.url.endsWith('index.js') || !callFrame.functionName) return null;
    return `${callFrame.functionName} (${fileAt(starts, callFrame.lineNumber)})`;
  };
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = label(nodes.get(at).callFrame);
      if (name && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
    }
  }
  const share = (entries) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, share: us / busy }));
  return {
    busyMs: Math.round(busy / 1000),
    byArea: share(byArea),
    topFunctions: share(byFunction),
    topInclusive: share(inclusive),
  };
}
