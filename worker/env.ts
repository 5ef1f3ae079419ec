import type { DevOutbox } from './dev-outbox';
import type { PhoneDirectory } from './phone-directory';
import type { Site } from './site/site-do';

/** Bindings and secrets. Secrets come from `.dev.vars` locally and `wrangler secret put` in production. */
export interface Env {
  SITE: DurableObjectNamespace<Site>;
  DEV_OUTBOX: DurableObjectNamespace<DevOutbox>;
  ASSETS: Fetcher;
  /** "1" turns on development mode. Never on unless set explicitly. */
  DEV_MODE?: string;
  ADMIN_TOKEN?: string;
  /** `kid:secret,kid:secret`; the first signs, all verify (rotation). */
  LINK_SIGNING_KEYS?: string;
  /** Origin used in links sent to phones; defaults to the request's origin. */
  PUBLIC_ORIGIN?: string;
  PHONE_DIRECTORY: DurableObjectNamespace<PhoneDirectory>;
  IP_LIMIT?: RateLimit;
  SITE_LIMIT?: RateLimit;
  /** "1" with DEV_MODE turns rate limits off for local load tests and benchmarks. */
  RATE_LIMITS_OFF?: string;
  // Providers: each channel switches from the dev outbox to its real API when these are set.
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM_NUMBER?: string;
  TWILIO_API_BASE?: string;
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  VAPID_SUBJECT?: string;
  RESEND_API_KEY?: string;
  RESEND_API_BASE?: string;
  EMAIL_FROM?: string;
  /** Cloudflare Turnstile's API and script; set only to point tests at local fakes. */
  TURNSTILE_API_BASE?: string;
  TURNSTILE_SCRIPT_URL?: string;
}

type WorkerEnv = Env;
declare global {
  namespace Cloudflare {
    // Types `env` from `cloudflare:test` in the runtime tests.
    interface Env extends WorkerEnv {}
    // Types `exports` from `cloudflare:workers` (the Worker's own loopback bindings).
    interface GlobalProps {
      mainModule: typeof import('./index');
      durableNamespaces: 'Site' | 'DevOutbox' | 'PhoneDirectory';
    }
  }
}

export const isDevMode = (env: Pick<Env, 'DEV_MODE'>): boolean => env.DEV_MODE === '1';
