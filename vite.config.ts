// Builds the two widget files into dist/public, which the worker serves at /<file name>:
//   widget.js       the loader: a classic script (IIFE), because a pasted <script> tag must work
//                   without type="module" and `document.currentScript` only exists for classic
//                   scripts;
//   widget-form.js  the form (Preact), an ES module the loader import()s on demand.
// Different output formats need separate bundles, so they are two Vite environments built one
// after the other. Names carry no hash: tags on contractor sites point at fixed URLs, and the
// worker decides caching.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type EnvironmentOptions } from 'vite';

const outDir = fileURLToPath(new URL('./dist/public', import.meta.url));

function widgetBuild(input: string, format: 'iife' | 'es', fileName: string): EnvironmentOptions {
  return {
    consumer: 'client',
    build: {
      outDir,
      emptyOutDir: false,
      // No preload helper or polyfill: the loader's import() targets a runtime URL Vite can't
      // see, and the form has no static chunks to preload.
      modulePreload: false,
      copyPublicDir: false,
      target: 'es2020',
      sourcemap: false,
      rolldownOptions: {
        input,
        // Vite drops an app entry's exports by default; the form's `mount` is its whole API.
        preserveEntrySignatures: 'exports-only',
        output: {
          format,
          entryFileNames: fileName,
          chunkFileNames: 'widget-[name].js',
        },
      },
    },
  };
}

export default defineConfig({
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  environments: {
    loader: widgetBuild('widget/loader.ts', 'iife', 'widget.js'),
    form: widgetBuild('widget/form/mount.tsx', 'es', 'widget-form.js'),
  },
  builder: {
    async buildApp(builder) {
      rmSync(outDir, { recursive: true, force: true });
      for (const name of ['loader', 'form']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`vite.config.ts: missing environment ${name}`);
        await builder.build(environment);
      }
    },
  },
});
