// The widget's size budget, measured on the real build output (dist/public). The loader is on
// every page of a contractor's site, so it must stay tiny; the form only loads when a homeowner
// opens it, but then it is what stands between them and help on a slow phone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/public/', import.meta.url);
const LOADER_BUDGET = 3 * 1024;
const OPENED_BUDGET = 15 * 1024;

function built(name: string): string {
  const file = new URL(name, dist);
  if (!existsSync(file)) {
    throw new Error(
      `dist/public/${name} is missing: run \`npm run build\` first (\`npm test\` does).`,
    );
  }
  return readFileSync(file, 'utf8');
}

const gzipped = (source: string) => gzipSync(source, { level: 9 }).length;

describe('widget size budget', () => {
  const loader = built('widget.js');
  built('widget-form.js');
  // Everything the opened widget needs: the form entry and any chunk it imports.
  const formFiles = readdirSync(dist).filter((f) => f.startsWith('widget-') && f.endsWith('.js'));
  const loaderGzip = gzipped(loader);
  const formGzip = formFiles.reduce((sum, f) => sum + gzipped(built(f)), 0);
  console.log(
    `widget.js ${loaderGzip} B gzip (budget ${LOADER_BUDGET}); ` +
      `opened widget ${loaderGzip + formGzip} B gzip (budget ${OPENED_BUDGET}): ${formFiles.join(', ')} = ${formGzip} B`,
  );

  it('keeps the loader within 3 KB gzipped', () => {
    expect(loaderGzip).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it('keeps loader + form + chunks within 15 KB gzipped', () => {
    expect(loaderGzip + formGzip).toBeLessThanOrEqual(OPENED_BUDGET);
  });

  it('ships the loader as a classic script (no top-level import or export)', () => {
    // A pasted <script> without type="module" would throw on either statement. Dynamic
    // `import(` is fine and is how the form is loaded, hence the lookahead.
    expect(loader).not.toMatch(/(^|[;}\s])import\s*(?!\()[\w{*'"]/m);
    expect(loader).not.toMatch(/(^|[;}\s])export\s*[\w{*]/m);
  });
});
