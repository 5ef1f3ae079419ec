// Debian's Chromium driven by playwright-core. Tests never download a browser: the machine has
// it (apt-get install -y chromium) or the run fails saying so.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

// Offline and quiet: every host name fails to resolve except 127.0.0.1, so a page that tried
// to reach the internet would fail loudly instead of depending on the network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** false: a visitor with JavaScript off, who gets a page's <noscript> content. */
  javaScriptEnabled?: boolean;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') {
      throw new Error(
        `CI: ${CHROMIUM} is missing. The CI script must install Debian's chromium package.`,
      );
    }
    throw new Error(`${CHROMIUM} is missing. Install it with: apt-get install -y chromium`);
  }
  // Playwright refuses --user-data-dir in args; a persistent context takes the directory itself.
  const userDataDir = mkdtempSync(join(tmpdir(), 'firstcall-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
