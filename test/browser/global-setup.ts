// Browser tests run against the real worker under `wrangler dev` and a hostile host page on
// another origin. Both start once here; tests get their addresses through `inject`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port';
import { startHostPageServer } from './host-page-server';
import { ADMIN_TOKEN } from './test-site';
import { startWranglerDev } from './wrangler-dev';

declare module 'vitest' {
  export interface ProvidedContext {
    workerOrigin: string;
    hostOrigin: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${root}dist/public/widget.js`)) {
    throw new Error(
      'dist/public/widget.js is missing: run `npm run build` before the browser tests.',
    );
  }
  const worker = await startWranglerDev(root, await freePort(), {
    DEV_MODE: '1',
    ADMIN_TOKEN,
    RATE_LIMITS_OFF: '1',
  });
  let host: Awaited<ReturnType<typeof startHostPageServer>>;
  try {
    host = await startHostPageServer(await freePort(), worker.origin);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  project.provide('workerOrigin', worker.origin);
  project.provide('hostOrigin', host.origin);
  return async () => {
    await host.stop();
    await worker.stop();
  };
}
