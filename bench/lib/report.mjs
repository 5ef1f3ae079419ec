// Turns bench/results/latest.json into tables: one model of sections (title, notes, columns,
// rows of strings), rendered as aligned text for the terminal and as markdown for latest.md.
import { atLeast, atMost, below, TARGETS } from './targets.mjs';

const num = (v, digits) =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms =
  (digits = 1) =>
  (v) =>
    `${num(v, digits)} ms`;
const bytes = (v) => `${num(Math.round(v), 0)} B`;
const kb = (v) => `${num(v / 1024, 1)} KB`;
const plain = (digits) => (v) => num(v, digits);
const pct = (v) => `${num(v * 100, 1)} %`;
const times = (v) => `${num(v, 2)} ×`;

/** "median (min–max)" of one figure across runs; just the value when all runs agree. */
function spread(stat, format) {
  if (!stat || stat.median === null || stat.median === undefined) return '–';
  if (stat.min === stat.max) return format(stat.median);
  return `${format(stat.median)} (${format(stat.min)}–${format(stat.max)})`;
}

const verdict = (v) => (v.met === null ? v.note : v.met ? '✓ met' : `✗ ${v.note}`);
const failed = (title, result) => ({
  title,
  notes: [`failed: ${result.error}`],
  columns: [],
  rows: [],
});

function widgetWeight(r) {
  if (r.error) return failed('Widget weight', r);
  const loader = atMost(r.loader.gzipBytes, TARGETS.loaderGzip.limit, bytes);
  const opened = atMost(r.opened.gzipBytes, TARGETS.openedGzip.limit, bytes);
  return {
    title: 'Widget weight',
    notes: ['gzip -9 of the built files in dist/public.'],
    columns: ['what', 'gzip', 'raw', 'target', ''],
    rows: [
      [
        'widget.js (loaded first)',
        bytes(r.loader.gzipBytes),
        bytes(r.loader.bytes),
        TARGETS.loaderGzip.text,
        verdict(loader),
      ],
      ...r.form.map((f) => [`${f.file} (on open)`, bytes(f.gzipBytes), bytes(f.bytes), '', '']),
      [
        'opened widget, all files',
        bytes(r.opened.gzipBytes),
        bytes(r.opened.bytes),
        TARGETS.openedGzip.text,
        verdict(opened),
      ],
    ],
  };
}

function pageImpact(r) {
  if (r.error) return failed('Page impact (Lighthouse)', r);
  const row = (label, key, format, target = '', v = null) => [
    label,
    spread(r.with[key], format),
    spread(r.without[key], format),
    format(r.cost[key]),
    target,
    v ? verdict(v) : '',
  ];
  const cls = atMost(r.cost.cls, TARGETS.widgetCls.limit, plain(3));
  const longTasks = atMost(r.with.widgetLongTasks.median, TARGETS.widgetLongTasks.limit, plain(0));
  const shifted = r.with.layoutShiftElements.length
    ? r.with.layoutShiftElements.join(', ')
    : 'nothing';
  return {
    title: 'Page impact (Lighthouse)',
    notes: [
      `Lighthouse ${r.lighthouse}, ${r.settings.formFactor}, ${r.settings.throttlingMethod} throttling (CPU ×${r.settings.cpuSlowdownMultiplier}), ${r.runsEach} runs each, alternating; median (min–max). The demo page with the widget tag and without it; the difference of medians is the widget's cost.`,
      `Largest paint with the tag: ${r.with.lcpElements.join(', ')}; without: ${r.without.lcpElements.join(', ')}. Layout shifts with the tag come from: ${shifted}. Widget requests on load: ${r.widgetRequests.join(', ')}. Requests to anything but 127.0.0.1 in all runs: ${r.offLoopbackRequests}.`,
      'Script and long-task times are as Lighthouse reports them, i.e. multiplied by the simulated CPU slowdown; a long task is one over 50 ms.',
    ],
    columns: ['figure', 'with tag', 'without', 'widget', 'target', ''],
    rows: [
      row('performance score', 'score', plain(0)),
      row('Total Blocking Time', 'tbtMs', ms(0)),
      row('Cumulative Layout Shift', 'cls', plain(3), TARGETS.widgetCls.text, cls),
      row('Largest Contentful Paint (simulated)', 'lcpMs', ms(0)),
      row('Largest Contentful Paint (observed)', 'observedLcpMs', ms(0)),
      row('First Contentful Paint (simulated)', 'fcpMs', ms(0)),
      row('main-thread work, whole page', 'mainThreadMs', ms(0)),
      row('main thread in widget scripts', 'widgetScriptMs', ms(1)),
      row('  of which script evaluation', 'widgetScriptingMs', ms(1)),
      row('  of which parse and compile', 'widgetParseCompileMs', ms(1)),
      row('long tasks, whole page', 'longTasks', plain(0)),
      row(
        'long tasks in widget scripts',
        'widgetLongTasks',
        plain(0),
        TARGETS.widgetLongTasks.text,
        longTasks,
      ),
      row('longest of those', 'widgetLongestTaskMs', ms(0)),
      row('widget bytes transferred', 'widgetTransferBytes', bytes),
    ],
  };
}

function intake(r) {
  if (r.error) return failed('Lead intake', r);
  const target = (key) => atLeast(r.ratio[key].median, TARGETS.intakeRatio.limit, times);
  const row = (label, key, ratioKey) => [
    label,
    spread(r[key].rps, plain(0)),
    spread(r[key].p50Ms, ms(1)),
    spread(r[key].p99Ms, ms(1)),
    spread(r[key].cpuMsPerRequest, ms(2)),
    ratioKey ? spread(r.ratio[ratioKey], times) : '1 ×',
    ratioKey ? TARGETS.intakeRatio.text : '',
    ratioKey ? verdict(target(ratioKey)) : '',
  ];
  return {
    title: 'Lead intake',
    notes: [
      `${r.runtime}; ${r.concurrency} requests in flight, each run bounded to ${r.bound.maxRequests} requests or ${r.bound.maxSeconds} s; ${r.rounds} rounds alternating the three; median (min–max). CPU is workerd's, including the ack and alert each lead sends after its answer (SMS to: ${r.sink}).`,
    ],
    columns: ['route', 'req/s', 'p50', 'p99', 'CPU/request', 'throughput vs no-op', 'target', ''],
    rows: [
      row('POST /bench/noop', 'noop', null),
      row('POST /v1/sites/:site/leads, one site', 'lead', 'lead'),
      row(`POST /v1/sites/:site/leads, ${r.sites} sites`, 'lead50', 'lead50'),
    ],
  };
}

function timeToAlert(r) {
  if (r.error) return failed('Time to alert', r);
  return {
    title: 'Time to alert',
    notes: [
      `From sending the lead's POST to its first CSR alert at the sink: ${r.sink}. ${r.leadsPerRound} leads per round at ${r.perSecond}/s over ${r.sites} sites, ${r.rounds} rounds; median (min–max) of the rounds' figures.${r.missing ? ` ${r.missing} leads never alerted.` : ''}`,
    ],
    columns: ['figure', 'value'],
    rows: [
      ['p50', spread(r.p50Ms, ms(1))],
      ['p99', spread(r.p99Ms, ms(1))],
      ['max', spread(r.maxMs, ms(1))],
      [
        `all ${r.pooled.leads} leads pooled: p50 / p99`,
        `${ms(1)(r.pooled.p50Ms)} / ${ms(1)(r.pooled.p99Ms)}`,
      ],
    ],
  };
}

function escalation(r) {
  if (r.error) return failed('Escalation lateness', r);
  const p99 = below(r.p99Ms.median, TARGETS.escalationP99.limit, ms(0));
  return {
    title: 'Escalation lateness',
    notes: [
      `${r.leadsPerRound} unclaimed leads per round at ${r.perSecond}/s over ${r.sites} sites, ${r.rounds} overlapping rounds; policy: assignee at 0 s, on-call list at ${r.stepAfterSeconds} s. Lateness = timeline time − (createdAt + ${r.stepAfterSeconds} s); median (min–max) of the rounds.${r.missing ? ` ${r.missing} leads never escalated.` : ''}`,
    ],
    columns: ['event', 'p50', 'p99', 'max', 'target', ''],
    rows: [
      [
        'step fired (`escalated`)',
        spread(r.p50Ms, ms(0)),
        spread(r.p99Ms, ms(0)),
        spread(r.maxMs, ms(0)),
        TARGETS.escalationP99.text,
        verdict(p99),
      ],
      [
        "step's alert sent (`alert_sent`)",
        spread(r.alertP50Ms, ms(0)),
        spread(r.alertP99Ms, ms(0)),
        spread(r.alertMaxMs, ms(0)),
        '',
        '',
      ],
    ],
  };
}

function cost(r) {
  if (r.error) return failed('Cost per lead', r);
  const s = r.storage;
  return {
    title: 'Cost per lead',
    notes: [
      `SMS to: ${r.sink}. CPU: workerd's user+system time per request over chunks of ${r.chunk} (${r.concurrency} in flight), after the follow-up work settled; median (min–max) of ${r.leads / r.chunk} lead chunks. Storage: the site's SQLite database after ${num(s.leads, 0)} leads, each with the timeline ${r.timelineOfOneLead.join(' → ')}.`,
    ],
    columns: ['figure', 'value'],
    rows: [
      ['CPU per lead', spread(r.cpuMsPerLead, ms(2))],
      [
        `  first ${num(r.chunk, 0)} leads → last ${num(r.chunk, 0)}`,
        `${ms(2)(r.cpuMsFirstChunk)} → ${ms(2)(r.cpuMsLastChunk)}`,
      ],
      ['CPU per no-op request', spread(r.cpuMsPerNoop, ms(2))],
      ['CPU per lead, net of the no-op', spread(r.netCpuMsPerLead, ms(2))],
      [
        'storage per lead',
        `${bytes(s.bytesPerLead)} (${kb(s.databaseBytes)} for ${num(s.leads, 0)} leads)`,
      ],
      ...s.tables
        .filter((t) => t.bytesPerLead >= 1)
        .map((t) => [`  of which ${t.tbl} (with its indexes)`, bytes(t.bytesPerLead)]),
    ],
  };
}

function bundle(r) {
  if (r.error) return failed('Worker bundle', r);
  const v = atMost(r.deployed.gzipBytes, TARGETS.bundleGzip.limit, kb);
  return {
    title: 'Worker bundle',
    notes: [
      `\`wrangler deploy --dry-run --outdir\`, gzip -9. Largest parts (share of the unminified bundle): ${r.byArea
        .slice(0, 5)
        .map((a) => `${a.name} ${pct(a.share)}`)
        .join(', ')}; inside packages: ${r.largestPackageFolders
        .slice(0, 4)
        .map((a) => `${a.name} ${kb(a.bytes)}`)
        .join(', ')}.`,
    ],
    columns: ['build', 'gzip', 'raw', 'target', ''],
    rows: [
      [
        'as deployed (wrangler.toml settings)',
        kb(r.deployed.gzipBytes),
        kb(r.deployed.bytes),
        TARGETS.bundleGzip.text,
        verdict(v),
      ],
      ['with --minify', kb(r.minified.gzipBytes), kb(r.minified.bytes), '', ''],
    ],
  };
}

function profile(r) {
  if (r.error) return failed('Where a lead’s CPU goes (profile)', r);
  return {
    title: 'Where a lead’s CPU goes (profile)',
    notes: [
      `V8 CPU profile of the worker's isolate (the Worker and its Durable Objects) over ${r.leads} leads, ${num(r.busyMs, 0)} ms of samples against ${num(r.workerdCpuMs, 0)} ms of workerd CPU in the same window; open ${r.file} in Chrome DevTools for the whole tree. Shares are of the sampled time: "including callees" counts a function once per sample wherever it is on the stack; "(program)" is workerd's own native work outside JavaScript; \`exec\` is a SQLite statement.`,
    ],
    columns: ['where', 'share'],
    rows: [
      ...r.topInclusive.slice(0, 8).map((f) => [`${f.name}, including callees`, pct(f.share)]),
      ...r.byArea.slice(0, 5).map((a) => [`${a.name}, self`, pct(a.share)]),
      ...r.topFunctions.slice(0, 4).map((f) => [`${f.name}, self`, pct(f.share)]),
    ],
  };
}

function targets(results) {
  const rows = [];
  const add = (label, target, measured, v) => rows.push([label, target, measured, verdict(v)]);
  const w = results['widget-weight'];
  if (w && !w.error) {
    add(
      'loader',
      TARGETS.loaderGzip.text,
      bytes(w.loader.gzipBytes),
      atMost(w.loader.gzipBytes, TARGETS.loaderGzip.limit, bytes),
    );
    add(
      'opened widget',
      TARGETS.openedGzip.text,
      bytes(w.opened.gzipBytes),
      atMost(w.opened.gzipBytes, TARGETS.openedGzip.limit, bytes),
    );
  }
  const p = results['page-impact'];
  if (p && !p.error) {
    add(
      'long tasks from the widget',
      TARGETS.widgetLongTasks.text,
      spread(p.with.widgetLongTasks, plain(0)),
      atMost(p.with.widgetLongTasks.median, 0, plain(0)),
    );
    add(
      'layout shift from the widget (CLS)',
      TARGETS.widgetCls.text,
      `${plain(3)(p.cost.cls)} (with tag: ${spread(p.with.cls, plain(3))})`,
      atMost(p.cost.cls, 0, plain(3)),
    );
  }
  const i = results.intake;
  if (i && !i.error) {
    for (const [key, label] of [
      ['lead', 'one site'],
      ['lead50', `${i.sites} sites`],
    ])
      add(
        `lead intake vs no-op, ${label}`,
        TARGETS.intakeRatio.text,
        spread(i.ratio[key], times),
        atLeast(i.ratio[key].median, TARGETS.intakeRatio.limit, times),
      );
  }
  const e = results.escalation;
  if (e && !e.error)
    add(
      'escalation p99 lateness',
      TARGETS.escalationP99.text,
      spread(e.p99Ms, ms(0)),
      below(e.p99Ms.median, TARGETS.escalationP99.limit, ms(0)),
    );
  const b = results.bundle;
  if (b && !b.error)
    add(
      'worker bundle',
      TARGETS.bundleGzip.text,
      kb(b.deployed.gzipBytes),
      atMost(b.deployed.gzipBytes, TARGETS.bundleGzip.limit, kb),
    );
  return {
    title: 'Targets',
    notes: ['Reported, never asserted.'],
    columns: ['target', 'aim', 'measured: median (min–max)', ''],
    rows,
  };
}

const SECTIONS = {
  'widget-weight': widgetWeight,
  'page-impact': pageImpact,
  intake,
  'time-to-alert': timeToAlert,
  escalation,
  cost,
  bundle,
  profile,
};

function sections(report) {
  const out = [targets(report.results)];
  for (const [name, render] of Object.entries(SECTIONS))
    if (report.results[name]) out.push(render(report.results[name]));
  return out;
}

function textTable(columns, rows) {
  if (!columns.length) return '';
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function renderTable(report) {
  const dirty = report.git.changedFiles ? `, ${report.git.changedFiles} uncommitted changes` : '';
  const head = `commit ${report.git.commit.slice(0, 10)}${dirty}, load average ${report.machine.loadAverage} at the start, ${report.seconds} s`;
  const body = sections(report).map((s) =>
    [`== ${s.title}`, textTable(s.columns, s.rows), ...s.notes.map((n) => `   ${n}`)]
      .filter(Boolean)
      .join('\n'),
  );
  return [head, ...body].join('\n\n');
}

export function renderMarkdown(report) {
  const tree = `commit ${report.git.commit.slice(0, 10)}${report.git.changedFiles ? ` with ${report.git.changedFiles} uncommitted changes outside bench/` : ''}`;
  const head = `# FirstCall bench, ${report.startedAt}\n\n${tree}; ${report.machine.cpus} cores (load average ${report.machine.loadAverage} at the start), Node ${report.machine.node}, worker state on ${report.state}, ${report.seconds} s in all. Generated by \`npm run bench\`.\n`;
  const body = sections(report).map((s) => {
    const table = s.columns.length
      ? [
          `| ${s.columns.join(' | ')} |`,
          `|${s.columns.map(() => ' --- ').join('|')}|`,
          ...s.rows.map((r) => `| ${r.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`),
        ].join('\n')
      : '';
    return [`## ${s.title}`, table, s.notes.join('\n\n')].filter(Boolean).join('\n\n');
  });
  return `${[head, ...body].join('\n\n')}\n`;
}
