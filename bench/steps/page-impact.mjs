// Page impact in real Chromium, with Lighthouse (performance only, its default mobile settings
// and simulated throttling): the demo contractor page with and without the widget tag, several
// runs of each, alternating, each in a fresh Chromium profile. The differences are the widget's.
import lighthouse from 'lighthouse';
import { demoSite } from '../../scripts/demo-site.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { adminHeaders } from '../lib/fixtures.mjs';
import { startHostPage } from '../lib/host-page.mjs';
import { startLocalWorker } from '../lib/local-worker.mjs';
import { field, round } from '../lib/stats.mjs';
import { log, onCleanup, runStep } from '../lib/step.mjs';

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const WIDGET_SCRIPT = /\/widget(-[\w-]+)?\.js(\?|$)/;
const WIDGET_REQUEST = /\/widget(-[\w-]+)?\.js(\?|$)|\/v1\/sites\//;

const config = {
  extends: 'lighthouse:default',
  settings: { onlyCategories: ['performance'] },
  // List every script's main-thread time, not only those above 50 ms: the widget's is small.
  audits: [{ path: 'bootup-time', options: { thresholdInMs: 0 } }],
};

/** The first DOM node an audit's details name (Lighthouse nests them differently per audit). */
function firstNode(details) {
  if (!details || typeof details !== 'object') return null;
  if (details.type === 'node') return details;
  for (const value of Object.values(details)) {
    const found = firstNode(value);
    if (found) return found;
  }
  return null;
}

function widgetFigures(lhr) {
  const audit = (id) => lhr.audits[id];
  const items = (id) => audit(id)?.details?.items ?? [];
  const scripts = items('bootup-time').filter((i) => WIDGET_SCRIPT.test(i.url));
  const longTasks = items('long-tasks');
  const allRequests = items('network-requests');
  const requests = allRequests.filter((i) => WIDGET_REQUEST.test(i.url));
  // What the page's largest paint was and what moved: how a widget shows up in LCP and CLS.
  const lcpNode = firstNode(audit('lcp-breakdown-insight')?.details);
  const shifts = items('layout-shifts').map((i) => ({
    element: i.node?.selector ?? i.node?.snippet ?? '(unknown)',
    score: i.score,
  }));
  return {
    lcpElement: lcpNode ? (lcpNode.selector ?? lcpNode.snippet) : null,
    layoutShifts: shifts,
    score: Math.round(lhr.categories.performance.score * 100),
    tbtMs: audit('total-blocking-time').numericValue,
    cls: audit('cumulative-layout-shift').numericValue,
    lcpMs: audit('largest-contentful-paint').numericValue,
    fcpMs: audit('first-contentful-paint').numericValue,
    // As measured in the unthrottled load, before Lighthouse's simulation (Lantern) scales it.
    observedLcpMs: audit('metrics')?.details?.items?.[0]?.observedLargestContentfulPaint ?? null,
    observedFcpMs: audit('metrics')?.details?.items?.[0]?.observedFirstContentfulPaint ?? null,
    mainThreadMs: audit('mainthread-work-breakdown').numericValue,
    widgetScriptMs: scripts.reduce((n, i) => n + i.total, 0),
    widgetScriptingMs: scripts.reduce((n, i) => n + i.scripting, 0),
    widgetParseCompileMs: scripts.reduce((n, i) => n + i.scriptParseCompile, 0),
    longTasks: longTasks.length,
    widgetLongTasks: longTasks.filter((t) => WIDGET_SCRIPT.test(t.url ?? '')).length,
    widgetLongestTaskMs: Math.max(
      0,
      ...longTasks.filter((t) => WIDGET_SCRIPT.test(t.url ?? '')).map((t) => t.duration),
    ),
    widgetRequests: requests.map((r) => r.url.replace(/^https?:\/\/[^/]+/, '')),
    widgetTransferBytes: requests.reduce((n, r) => n + (r.transferSize ?? 0), 0),
    // The run is offline by construction; this shows nothing on the page tried otherwise.
    offLoopbackRequests: allRequests.filter(
      (r) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|about:)/.test(r.url),
    ).length,
  };
}

runStep(async (ctx) => {
  const worker = await startLocalWorker({ bundle: ctx.bundle, persistDir: ctx.dir('state') });
  onCleanup(worker.dispose);
  const host = await startHostPage(worker.origin);
  onCleanup(host.stop);
  const seeded = await fetch(`${worker.origin}/v1/admin/sites/demo`, {
    method: 'PUT',
    headers: adminHeaders,
    body: JSON.stringify(demoSite([host.origin])),
  });
  if (!seeded.ok) throw new Error(`seeding the demo site: ${seeded.status}`);
  // Warm the worker so the first audit does not pay for compiling it.
  for (const path of ['/widget.js', '/widget-form.js', '/v1/sites/demo/config'])
    await fetch(`${worker.origin}${path}`, { headers: { Origin: host.origin } });

  const profiles = ctx.dir('chromium');
  const audit = async (variant) => {
    const chromium = await launchChromium(profiles);
    try {
      const result = await lighthouse(
        `${host.origin}/${variant}`,
        { port: chromium.port, hostname: '127.0.0.1', output: 'json', logLevel: 'error' },
        config,
      );
      const lhr = result?.lhr;
      if (!lhr) throw new Error('Lighthouse returned no result');
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      return { settings: lhr.configSettings, figures: widgetFigures(lhr) };
    } finally {
      await chromium.stop();
    }
  };

  // One audit thrown away first: Chromium's first start on a cold cache would land on one side.
  await audit('with');
  const runs = { with: [], without: [] };
  let settings;
  for (let r = 0; r < RUNS; r++) {
    for (const variant of r % 2 ? ['without', 'with'] : ['with', 'without']) {
      const { settings: s, figures } = await audit(variant);
      settings ??= s;
      runs[variant].push(figures);
      log(
        `run ${r + 1} ${variant.padEnd(7)}: score ${figures.score}, TBT ${round(figures.tbtMs, 0)} ms, CLS ${round(figures.cls, 3)}, LCP ${round(figures.lcpMs, 0)} ms, widget scripts ${round(figures.widgetScriptMs, 1)} ms`,
      );
    }
  }
  const names = [
    'score',
    'tbtMs',
    'cls',
    'lcpMs',
    'fcpMs',
    'observedLcpMs',
    'observedFcpMs',
    'mainThreadMs',
    'widgetScriptMs',
    'widgetScriptingMs',
    'widgetParseCompileMs',
    'longTasks',
    'widgetLongTasks',
    'widgetLongestTaskMs',
    'widgetTransferBytes',
  ];
  const unique = (values) => [...new Set(values)];
  const summary = (variant) => ({
    ...Object.fromEntries(names.map((n) => [n, field(runs[variant], n)])),
    lcpElements: unique(runs[variant].map((r) => r.lcpElement)),
    layoutShiftElements: unique(runs[variant].flatMap((r) => r.layoutShifts.map((l) => l.element))),
  });
  const withTag = summary('with');
  const withoutTag = summary('without');
  // The widget's cost: median with the tag minus median without, figure by figure.
  const cost = Object.fromEntries(names.map((n) => [n, withTag[n].median - withoutTag[n].median]));
  return {
    lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default
      .version,
    settings: {
      formFactor: settings.formFactor,
      throttlingMethod: settings.throttlingMethod,
      cpuSlowdownMultiplier: settings.throttling.cpuSlowdownMultiplier,
    },
    runsEach: RUNS,
    widgetRequests: runs.with[0]?.widgetRequests ?? [],
    offLoopbackRequests: [...runs.with, ...runs.without].reduce(
      (n, r) => n + r.offLoopbackRequests,
      0,
    ),
    with: withTag,
    without: withoutTag,
    cost,
  };
});
