// Builds the two widget files into dist/public, which the worker serves at /<file name>:
//   widget.js       the loader: a classic script (IIFE), because a pasted <script> tag must work
//                   without type="module" and `document.currentScript` only exists for classic
//                   scripts;
//   widget-form.js  the form (Preact), an ES module the loader import()s on demand.
// Different output formats need separate bundles, so they are two Vite environments built one
// after the other. Names carry no hash: tags on contractor sites point at fixed URLs, and the
// worker decides caching.
//
// A third environment builds the CSR console (issue #4) into dist/public/console: its page, hashed
// assets (console/assets/…), the service worker at a fixed name (console/sw.js, its URL is its
// identity) and the PWA icons, drawn at build time.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type EnvironmentOptions, type Plugin } from 'vite';
import { iconPng } from './console/build/icon-png';

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

function consoleBuild(): EnvironmentOptions {
  return {
    consumer: 'client',
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      sourcemap: false,
      rolldownOptions: {
        input: {
          console: fileURLToPath(new URL('./console/index.html', import.meta.url)),
          sw: fileURLToPath(new URL('./console/sw.ts', import.meta.url)),
        },
        output: {
          format: 'es',
          entryFileNames: (chunk) =>
            chunk.name === 'sw' ? 'console/sw.js' : 'console/assets/[name]-[hash].js',
          chunkFileNames: 'console/assets/[name]-[hash].js',
          assetFileNames: 'console/assets/[name]-[hash][extname]',
        },
      },
    },
  };
}

/** The console's PWA icons, emitted into its build only. */
function consoleIcons(): Plugin {
  return {
    name: 'firstcall-console-icons',
    applyToEnvironment: (environment) => environment.name === 'console',
    generateBundle() {
      for (const [fileName, source] of [
        ['console/icon-192.png', iconPng(192)],
        ['console/icon-512.png', iconPng(512)],
        ['console/icon-maskable-512.png', iconPng(512, true)],
      ] as const)
        this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

export default defineConfig({
  plugins: [consoleIcons()],
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  environments: {
    loader: widgetBuild('widget/loader.ts', 'iife', 'widget.js'),
    form: widgetBuild('widget/form/mount.tsx', 'es', 'widget-form.js'),
    console: consoleBuild(),
  },
  builder: {
    async buildApp(builder) {
      rmSync(outDir, { recursive: true, force: true });
      for (const name of ['loader', 'form', 'console']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`vite.config.ts: missing environment ${name}`);
        await builder.build(environment);
      }
    },
  },
});
