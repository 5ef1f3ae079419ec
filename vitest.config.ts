import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import type { ProvidersContext } from './test/providers/provided-context';

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
        // The same worker with every provider's secrets set, pointed at local fakes that check
        // the real wire format. Not in development mode: nothing goes to the dev outbox here.
        plugins: [
          cloudflareTest(({ inject }) => {
            const p: ProvidersContext = inject('providers');
            return {
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  ADMIN_TOKEN: 'test-admin-token',
                  LINK_SIGNING_KEYS: 'k1:test-signing-secret-number-one-0123456789',
                  PUBLIC_ORIGIN: 'https://leads.test',
                  TWILIO_ACCOUNT_SID: p.twilio.accountSid,
                  TWILIO_AUTH_TOKEN: p.twilio.authToken,
                  TWILIO_FROM_NUMBER: p.twilio.fromNumber,
                  TWILIO_API_BASE: p.twilio.url,
                  VAPID_PUBLIC_KEY: p.push.vapidPublicKey,
                  VAPID_PRIVATE_KEY: p.push.vapidPrivateKey,
                  VAPID_SUBJECT: 'mailto:alerts@firstcall.test',
                  RESEND_API_KEY: p.email.apiKey,
                  RESEND_API_BASE: p.email.url,
                  EMAIL_FROM: 'FirstCall <alerts@firstcall.test>',
                  CONTROL_URL: p.control,
                  TURNSTILE_API_BASE: p.control,
                  TURNSTILE_SCRIPT_URL: 'https://turnstile.test/api.js?render=explicit',
                  WEBHOOK_URL: p.webhooks.url,
                  WEBHOOK_SECRET: p.webhooks.secret,
                },
              },
            };
          }),
        ],
        test: {
          name: 'providers',
          include: ['test/providers/**/*.test.ts'],
          globalSetup: ['test/providers/global-setup.ts'],
          fileParallelism: false,
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
