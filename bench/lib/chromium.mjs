// Debian's Chromium for Lighthouse, started by us in its own process group with a fresh profile
// and offline: every host name fails to resolve except 127.0.0.1, so nothing on the page (or in
// Chromium itself) can reach the internet. Lighthouse connects to its DevTools port.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { killGroup, sleep, spawnGroup } from './processes.mjs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
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

export async function launchChromium(parentDir) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(join(parentDir, 'chromium-'));
  const child = spawnGroup(
    CHROMIUM,
    [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      // Port 0: Chromium picks a free port and writes it to DevToolsActivePort in the profile.
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    await killGroup(child.pid);
    rmSync(profile, { recursive: true, force: true });
  };
  const portFile = join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < 20_000; waited += 50) {
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) return { port, stop };
    }
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  await stop();
  throw new Error('Chromium did not open its DevTools port');
}
