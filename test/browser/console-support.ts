// Helpers for the console's browser tests: invites from the admin API and the dev outbox,
// signing a browser in by opening its invite link, and watching for layout shifts.
import type { Page } from 'playwright-core';
import type { Browser } from './chromium';
import { ADMIN_TOKEN } from './test-site';

export interface DevMessage {
  site: string;
  leadId: string;
  kind: string;
  channel: string;
  to: string;
  memberId?: string;
  body: string;
}

export async function devOutbox(workerOrigin: string, site: string): Promise<DevMessage[]> {
  const res = await fetch(`${workerOrigin}/dev/outbox.json?limit=5000`);
  return ((await res.json()) as DevMessage[]).filter((m) => m.site === site);
}

/** Polls the dev outbox for the first message `match` accepts. */
export async function waitForMessage(
  workerOrigin: string,
  site: string,
  match: (m: DevMessage) => boolean,
  timeoutMs = 15_000,
): Promise<DevMessage> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await devOutbox(workerOrigin, site)).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no matching message for ${site} within ${timeoutMs} ms`);
}

export async function adminInviteUrl(
  workerOrigin: string,
  site: string,
  memberId: string,
): Promise<string> {
  const res = await fetch(`${workerOrigin}/v1/admin/sites/${site}/invites`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ memberId }),
  });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

/**
 * Records layout shifts not caused by the user (PerformanceObserver, as CLS counts them) and
 * lets tests replace the page's WebSocket with one they can cut, to test reconnects.
 */
export async function instrument(browser: Browser): Promise<void> {
  await browser.context.addInitScript(() => {
    const w = window as unknown as {
      shifts: number[];
      shiftSources: string[];
      sockets: WebSocket[];
      blockSockets: boolean;
    };
    w.shifts = [];
    w.shiftSources = [];
    w.sockets = [];
    w.blockSockets = false;
    new PerformanceObserver((list) => {
      type Shift = PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources: Array<{ node: Node | null }>;
      };
      for (const entry of list.getEntries() as Shift[]) {
        if (entry.hadRecentInput) continue;
        w.shifts.push(entry.value);
        // What moved, for the failure message of a test that finds a shift.
        for (const source of entry.sources) {
          const node = source.node;
          const el = node instanceof Element ? node : node?.parentElement;
          const r = (x: DOMRectReadOnly) =>
            `${Math.round(x.x)},${Math.round(x.y)} ${Math.round(x.width)}x${Math.round(x.height)}`;
          const s = source as unknown as {
            previousRect: DOMRectReadOnly;
            currentRect: DOMRectReadOnly;
          };
          w.shiftSources.push(
            `${node instanceof Element ? '' : '#text in '}${el?.localName}.${[...(el?.classList ?? [])].join('.')} "${(node?.textContent ?? '').slice(0, 20)}" ${r(s.previousRect)} → ${r(s.currentRect)}`,
          );
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
    const Real = window.WebSocket;
    class Tracked extends Real {
      constructor(url: string | URL, protocols?: string | string[]) {
        // While blocked, connect to a port where nothing listens: the connection just fails.
        super(w.blockSockets ? 'ws://127.0.0.1:9/' : url, protocols);
        w.sockets.push(this);
      }
    }
    window.WebSocket = Tracked;
  });
}

export const shiftSources = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { shiftSources: string[] }).shiftSources);

export const layoutShift = (page: Page): Promise<number> =>
  page.evaluate(() =>
    (window as unknown as { shifts: number[] }).shifts.reduce((sum, v) => sum + v, 0),
  );

/** Cuts the live queue's socket and keeps new ones from connecting until `restore`. */
export async function cutSocket(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { sockets: WebSocket[]; blockSockets: boolean };
    w.blockSockets = true;
    for (const s of w.sockets) s.close();
  });
}

/** Lets sockets connect again and says the network is back, as a phone waking would. */
export async function restoreSocket(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { blockSockets: boolean }).blockSockets = false;
    window.dispatchEvent(new Event('online'));
  });
}
