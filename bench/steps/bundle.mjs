// The worker bundle a deploy uploads (`wrangler deploy --dry-run --outdir`, as configured: not
// minified), gzipped: it bounds cold start. Also the minified size, and which packages and
// folders the bundle is made of (esbuild's metafile), since that is where the bytes can go.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBundle } from '../lib/local-worker.mjs';
import { runStep } from '../lib/step.mjs';

function weigh(path) {
  const bytes = readFileSync(path);
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

/**
 * Output bytes per npm package or folder of our own code, and per folder inside packages (where
 * a package's weight comes from: zod's locales, libphonenumber's metadata).
 */
function composition(metafilePath) {
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8'));
  const output = Object.entries(meta.outputs).find(([name]) => name.endsWith('index.js'))[1];
  const areas = new Map();
  const folders = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const i = input.lastIndexOf('node_modules/');
    let area;
    if (i >= 0) {
      const parts = input.slice(i + 'node_modules/'.length).split('/');
      area = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
      const folder = `${parts.slice(0, -1).join('/')}/`;
      folders.set(folder, (folders.get(folder) ?? 0) + bytesInOutput);
    } else {
      const own = input.replace(/^(\.\.\/)+/, '').split('/');
      area = own.length > 2 ? `${own[0]}/${own[1]}/` : own.join('/');
    }
    areas.set(area, (areas.get(area) ?? 0) + bytesInOutput);
  }
  const ranked = (map, top) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => ({ name, bytes, share: bytes / output.bytes }));
  return { byArea: ranked(areas, 20), largestPackageFolders: ranked(folders, 8) };
}

runStep(async (ctx) => {
  const asDeployed = ctx.bundle;
  const minified = await buildBundle(ctx.dir('minified'), { minify: true });
  return {
    deployed: weigh(asDeployed),
    minified: weigh(minified),
    ...composition(join(dirname(asDeployed), 'meta.json')),
  };
});
