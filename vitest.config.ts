import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Three projects: the pure core and build checks in Node, the worker inside workerd (the real
// runtime, through the Cloudflare integration), and browser tests driving Debian's Chromium
// against a real `wrangler dev`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                DEV_MODE: '1',
                ADMIN_TOKEN: 'test-admin-token',
                LINK_SIGNING_KEYS:
                  'k2:test-signing-secret-number-two-0123456789,k1:test-signing-secret-number-one-0123456789',
              },
            },
          }),
        ],
        test: {
          name: 'runtime',
          include: ['test/runtime/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
