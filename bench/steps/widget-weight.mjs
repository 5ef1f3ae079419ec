// Widget weight: what a host page loads first (widget.js, the loader) and what opening the form
// adds (widget-form.js and any chunk it imports), raw and gzipped at level 9 as the size test
// does (test/unit/widget-size.test.ts). Deterministic, so measured once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../lib/local-worker.mjs';
import { runStep } from '../lib/step.mjs';

const dist = join(ROOT, 'dist/public');

function weigh(name) {
  const bytes = readFileSync(join(dist, name));
  return { file: name, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);

runStep(async () => {
  const loader = weigh('widget.js');
  // Everything the opened form needs: its entry and any chunk the build split off.
  const form = readdirSync(dist)
    .filter((f) => f.startsWith('widget-') && f.endsWith('.js'))
    .sort()
    .map(weigh);
  return {
    loader,
    form,
    opened: {
      files: [loader.file, ...form.map((f) => f.file)],
      bytes: loader.bytes + sum(form, 'bytes'),
      gzipBytes: loader.gzipBytes + sum(form, 'gzipBytes'),
    },
  };
});
