// A homeowner on a flaky connection: the widget retries on its own with the same
// Idempotency-Key, and when it finally gives up it says so, offers the phone number and keeps
// the lead on the device; the later send still carries the same key, so the worker can never
// make two leads of it.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type Browser, launchChromium } from './chromium';
import { focused, tabTo } from './keyboard';
import { createSite } from './test-site';

const workerOrigin = inject('workerOrigin');
const hostOrigin = inject('hostOrigin');
const site = `retries-${Date.now().toString(36)}`;
const leadsUrl = `${workerOrigin}/v1/sites/${site}/leads`;

let browser: Browser;

beforeAll(async () => {
  await createSite(workerOrigin, site, hostOrigin);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the form and fills in the two required fields and consent, keyboard only. */
async function fillRequired(page: Page, phone: string): Promise<void> {
  await page.goto(`${hostOrigin}/?site=${site}`);
  await page.locator('firstcall-widget a.call').waitFor({ state: 'visible' });
  await tabTo(page, 'firstcall-widget>button.btn.open');
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('firstcall-widget>#fc-name');
  await page.keyboard.type('Casey Flaky');
  await tabTo(page, 'firstcall-widget>#fc-phone');
  await page.keyboard.type(phone);
  await tabTo(page, 'firstcall-widget>#fc-smsConsent');
  await page.keyboard.press('Space');
  await tabTo(page, 'firstcall-widget>button.primary');
}

/** Records each lead POST's Idempotency-Key, answering the first `failures` with `fail`. */
async function flakyLeads(
  page: Page,
  failures: number,
  fail: (route: Route) => Promise<void>,
): Promise<string[]> {
  const keys: string[] = [];
  await page.route(leadsUrl, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length <= failures) return fail(route);
    return route.continue();
  });
  return keys;
}

describe('sending a lead over a bad connection', () => {
  test('retries a 503 and a dropped connection with the same Idempotency-Key, then succeeds', async () => {
    const page = await browser.context.newPage();
    let calls = 0;
    const keys = await flakyLeads(page, 2, (route) => {
      calls++;
      return calls === 1
        ? route.fulfill({
            status: 503,
            headers: {
              'Access-Control-Allow-Origin': hostOrigin,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({ error: { code: 'unavailable', message: 'Try again' } }),
          })
        : route.abort('connectionreset');
    });
    await fillRequired(page, '(312) 555-0161');
    const created = page.waitForResponse(
      (r) => r.url() === leadsUrl && r.request().method() === 'POST' && r.status() === 201,
    );
    await page.keyboard.press('Enter');
    await created;
    await expect.poll(() => focused(page)).toBe('firstcall-widget>#fc-ack-title');
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    await page.close();
  });

  test('gives up with the phone number, keeps the lead on the device and sends it later with the same key', async () => {
    const page = await browser.context.newPage();
    const keys = await flakyLeads(page, 3, (route) => route.abort('internetdisconnected'));
    await fillRequired(page, '(312) 555-0162');
    await page.keyboard.press('Enter');
    // Three tries (about 2 s of backoff), then a plain message: saved, and the number to call.
    const notice = page.locator('firstcall-widget .ack');
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('(312) 555-0199');
    expect(await notice.textContent()).toContain('We saved your request on this device');
    expect(await notice.locator('a').getAttribute('href')).toBe('tel:+13125550199');
    expect(await focused(page)).toBe('firstcall-widget>#fc-queued-title');
    expect(keys).toHaveLength(3);

    // The connection is back: the outbox sends it by itself, with the same key.
    const created = page.waitForResponse(
      (r) => r.url() === leadsUrl && r.request().method() === 'POST' && r.status() === 201,
    );
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await created;
    await expect.poll(() => focused(page)).toBe('firstcall-widget>#fc-ack-title');
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    await page.close();
  });
});
