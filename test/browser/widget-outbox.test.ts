// A homeowner whose request can't get through right now (no signal, or the server failing):
// the widget keeps it on the device with its Idempotency-Key, says so plainly, and sends it
// when it can, from the open page or from the next page load, and the worker makes exactly one
// lead of it. Also the spam signals sent with every lead: the honeypot and the time to fill.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { LeadCreated } from '../../shared/schemas';
import { type Browser, launchChromium } from './chromium';
import { focused, tabTo, typeLikeAPerson } from './keyboard';
import {
  type LeadPost,
  leadsSubmitted,
  outboxStorageKey,
  queuedLeads,
  recordLeadPosts,
} from './outbox-probe';
import { createSite, fetchLead, waitForOutbox } from './test-site';

const workerOrigin = inject('workerOrigin');
const hostOrigin = inject('hostOrigin');
const run = Date.now().toString(36);
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const w = (selector: string) => `firstcall-widget>${selector}`;

const OFFLINE_SAVED =
  "You're offline. We saved your request on this device and will send it as soon as you're back online.";

let browser: Browser;
let sites = 0;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh site per test, so one test's outbox (stored per site) never meets another's. */
async function newSite(): Promise<{ site: string; leadsUrl: string; pageUrl: string }> {
  const site = `outbox-${run}-${++sites}`;
  await createSite(workerOrigin, site, hostOrigin);
  return {
    site,
    leadsUrl: `${workerOrigin}/v1/sites/${site}/leads`,
    pageUrl: `${hostOrigin}/?site=${site}`,
  };
}

/** Keyboard only: open the form and fill in the name (at a person's pace), phone and consent. */
async function fillForm(page: Page, pageUrl: string, name: string, phone: string): Promise<void> {
  await page.goto(pageUrl);
  await page.locator('firstcall-widget a.call').waitFor({ state: 'visible' });
  await tabTo(page, w('button.btn.open'));
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe(w('#fc-name'));
  await typeLikeAPerson(page, name);
  await tabTo(page, w('#fc-phone'));
  await page.keyboard.type(phone);
  await tabTo(page, w('#fc-smsConsent'));
  await page.keyboard.press('Space');
  await tabTo(page, w('button.primary'));
}

const noticeText = (page: Page) =>
  page.locator('firstcall-widget .ack-message').textContent({ timeout: 5000 });

/** Every lead POST carried `key`, and every one the server accepted is the same lead. */
function expectOneLead(posts: LeadPost[], key: string): string {
  expect(posts.length).toBeGreaterThan(0);
  expect(posts.map((p) => p.key)).toEqual(posts.map(() => key));
  const leadIds = new Set(posts.flatMap((p) => (p.created ? [p.created.leadId] : [])));
  expect(leadIds.size).toBe(1);
  return [...leadIds][0] as string;
}

/** The worker made one real (not spam) lead under `key`, and alerted the CSR about it once. */
async function expectAlertedOnce(site: string, leadId: string, key: string): Promise<void> {
  const detail = await fetchLead(workerOrigin, site, leadId);
  expect(detail.lead.status).not.toBe('spam');
  expect(detail.timeline.filter((e) => e.type === 'received')).toEqual([
    expect.objectContaining({ idempotencyKey: key }),
  ]);
  const outbox = await waitForOutbox(workerOrigin, leadId, (entries) =>
    entries.some((e) => e.kind === 'csr-alert'),
  );
  expect(outbox.filter((e) => e.kind === 'csr-alert')).toHaveLength(1);
}

describe('the outbox', () => {
  test('offline: saved on the device, then sent once when the connection returns', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    const page = await browser.context.newPage();
    const posts = recordLeadPosts(page, leadsUrl);
    await fillForm(page, pageUrl, 'Morgan Offline-Case', '(312) 555-0171');

    await browser.context.setOffline(true);
    let key = '';
    try {
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe(w('#fc-queued-title'));
      expect(await noticeText(page)).toBe(OFFLINE_SAVED);
      await page.screenshot({ path: `${shots}queued-offline-1280.png`, animations: 'disabled' });
      expect(await page.locator('firstcall-widget .ack a[href="tel:+13125550199"]').count()).toBe(
        1,
      );
      const queued = await queuedLeads(page, site);
      expect(queued).toHaveLength(1);
      key = queued[0]?.key ?? '';
      expect(key).toMatch(/^[A-Za-z0-9-]{16,}$/);
      expect(JSON.parse(queued[0]?.body ?? '{}')).toMatchObject({
        name: 'Morgan Offline-Case',
        phone: '(312) 555-0171',
        smsConsent: true,
        website: '',
      });
      // Known to be offline: nothing was tried, so nothing could half-arrive.
      expect(posts).toHaveLength(0);
    } finally {
      await browser.context.setOffline(false);
    }

    // The `online` event sends it; the open panel swaps the notice for the acknowledgement.
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(w('#fc-ack-title'));
    await expect.poll(() => posts.some((p) => p.created)).toBe(true);
    const created = posts.find((p) => p.created)?.created as LeadCreated;
    expect(await page.locator('firstcall-widget .ack-message').textContent()).toBe(
      created.ack.message,
    );
    await expect
      .poll(() => leadsSubmitted(page))
      .toEqual([{ leadId: created.leadId, urgent: false }]);
    expect(await queuedLeads(page, site)).toEqual([]);
    expect(expectOneLead(posts, key)).toBe(created.leadId);
    await expectAlertedOnce(site, created.leadId, key);
    // Nothing more goes out later: the queue is empty and the host page heard it once.
    expect(await leadsSubmitted(page)).toHaveLength(1);
    await page.close();
  });

  test('survives a reload while offline; the next page load sends it without the form', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    // What the browser would have cached: the host page and the widget's two files, served while
    // offline so the page can load again with the widget on it.
    const cached = new Map<string, { body: string; type: string }>();
    for (const [url, type] of [
      [pageUrl, 'text/html'],
      [`${workerOrigin}/widget.js`, 'text/javascript'],
      [`${workerOrigin}/widget-form.js`, 'text/javascript'],
    ] as const) {
      cached.set(url, { body: await (await fetch(url)).text(), type });
    }

    const page = await browser.context.newPage();
    const posts = recordLeadPosts(page, leadsUrl);
    await fillForm(page, pageUrl, 'Riley Reload-Offline', '(312) 555-0172');
    await browser.context.setOffline(true);
    let key = '';
    try {
      await page.keyboard.press('Enter');
      await expect.poll(() => noticeText(page)).toBe(OFFLINE_SAVED);
      key = (await queuedLeads(page, site))[0]?.key ?? '';

      await page.route(
        (url) => cached.has(url.href),
        (route) => {
          const hit = cached.get(route.request().url());
          return hit
            ? route.fulfill({
                status: 200,
                contentType: hit.type,
                headers: { 'Access-Control-Allow-Origin': '*' },
                body: hit.body,
              })
            : route.continue();
        },
      );
      await page.reload();
      // The loader found the waiting lead and tried to send it; offline, so it is still there.
      await page.locator('firstcall-widget button.open').waitFor({ state: 'visible' });
      await expect.poll(() => posts.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(posts.every((p) => p.key === key && !p.created)).toBe(true);
      const queued = await queuedLeads(page, site);
      expect(queued.map((q) => q.key)).toEqual([key]);
      // The page is left before the connection returns, so only a page load can send it now.
      await page.goto('about:blank');
      await page.unrouteAll();
    } finally {
      await browser.context.setOffline(false);
    }

    await page.goto(pageUrl);
    await expect.poll(() => leadsSubmitted(page), { timeout: 10_000 }).toHaveLength(1);
    const [submitted] = (await leadsSubmitted(page)) as { leadId: string }[];
    expect(submitted).toEqual({ leadId: expect.stringMatching(/^ld_/), urgent: false });
    // Sent by the loader: the homeowner never opened the form on this page.
    expect(await page.evaluate(() => window.hostEvents.map((e) => e.type))).toEqual([
      'firstcall:lead-submitted',
    ]);
    expect(await page.locator('firstcall-widget dialog').count()).toBe(0);
    expect(await queuedLeads(page, site)).toEqual([]);
    await expect.poll(() => posts.some((p) => p.created)).toBe(true);
    expect(expectOneLead(posts, key)).toBe(submitted?.leadId);
    await expectAlertedOnce(site, submitted?.leadId ?? '', key);
    await page.close();
  });

  test('a server failing through every retry: queued with the same key, sent when it recovers', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    const page = await browser.context.newPage();
    const posts = recordLeadPosts(page, leadsUrl);
    await page.route(leadsUrl, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            headers: {
              'Access-Control-Allow-Origin': hostOrigin,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({ error: { code: 'unavailable', message: 'Try again' } }),
          })
        : route.continue(),
    );
    await fillForm(page, pageUrl, 'Avery Server-Down', '(312) 555-0173');
    await page.keyboard.press('Enter');
    // Three tries (about 2 s of backoff), then the request waits on the device.
    await expect
      .poll(() => noticeText(page), { timeout: 15_000 })
      .toBe(
        "We can't reach Acme Heating & Plumbing right now. We saved your request on this device and will send it as soon as we can.",
      );
    expect(posts.map((p) => p.status)).toEqual([503, 503, 503]);
    const queued = await queuedLeads(page, site);
    expect(queued).toHaveLength(1);
    const key = queued[0]?.key ?? '';
    expect(posts.map((p) => p.key)).toEqual([key, key, key]);

    await page.unrouteAll();
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(w('#fc-ack-title'));
    await expect.poll(() => posts.some((p) => p.created)).toBe(true);
    const leadId = expectOneLead(posts, key);
    expect(posts.map((p) => p.status)).toEqual([503, 503, 503, 201]);
    expect(await leadsSubmitted(page)).toEqual([{ leadId, urgent: false }]);
    expect(await queuedLeads(page, site)).toEqual([]);
    await expectAlertedOnce(site, leadId, key);
    await page.close();
  });

  test('a queued lead the server refuses for good leaves the queue and shows why', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    const page = await browser.context.newPage();
    const posts = recordLeadPosts(page, leadsUrl);
    // A number the browser lets through and the server can't use.
    await fillForm(page, pageUrl, 'Jamie Bad-Number', '555-01');
    await browser.context.setOffline(true);
    try {
      await page.keyboard.press('Enter');
      await expect.poll(() => noticeText(page)).toBe(OFFLINE_SAVED);
    } finally {
      await browser.context.setOffline(false);
    }
    // Back in the form with what was typed, focus on the field to fix and the reason beside it.
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(w('#fc-phone'));
    expect(await page.locator('firstcall-widget #fc-phone').inputValue()).toBe('555-01');
    expect(await page.locator('firstcall-widget #fc-phone-error').textContent()).toBeTruthy();
    expect(posts.map((p) => p.status)).toEqual([400]);
    expect(await queuedLeads(page, site)).toEqual([]);
    expect(await leadsSubmitted(page)).toEqual([]);
    await page.close();
  });

  test('where storage is refused, it is kept for the life of the page and says so', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    const page = await browser.context.newPage();
    // Safari's private mode of old, or a full quota: every write throws.
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const posts = recordLeadPosts(page, leadsUrl);
    await fillForm(page, pageUrl, 'Quinn Private-Mode', '(312) 555-0174');
    await browser.context.setOffline(true);
    try {
      await page.keyboard.press('Enter');
      await expect
        .poll(() => noticeText(page))
        .toBe(
          "You're offline. We'll send your request as soon as you're back online, but this browser won't let us save it: if you close this page, it will be lost.",
        );
      expect(await queuedLeads(page, site)).toEqual([]);
    } finally {
      await browser.context.setOffline(false);
    }
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(w('#fc-ack-title'));
    await expect.poll(() => posts.some((p) => p.created)).toBe(true);
    const leadId = expectOneLead(posts, posts[0]?.key ?? '');
    expect(await leadsSubmitted(page)).toEqual([{ leadId, urgent: false }]);
    await page.close();
  });

  test('a lead queued more than a week ago is dropped, not sent', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    const page = await browser.context.newPage();
    const posts = recordLeadPosts(page, leadsUrl);
    await page.goto(pageUrl);
    const eightDaysAgo = Date.now() - 8 * 24 * 3600 * 1000;
    await page.evaluate(
      ([key, at]) => {
        const body = JSON.stringify({
          name: 'Old Lead',
          phone: '(312) 555-0175',
          smsConsent: false,
        });
        localStorage.setItem(key, JSON.stringify([{ key: 'stale-lead-key-0001', body, at }]));
      },
      [outboxStorageKey(site), eightDaysAgo] as const,
    );
    await page.reload();
    await expect
      .poll(() => page.evaluate((key) => localStorage.getItem(key), outboxStorageKey(site)))
      .toBeNull();
    await page.waitForLoadState('networkidle');
    expect(posts).toEqual([]);
    expect(await leadsSubmitted(page)).toEqual([]);
    await page.close();
  });
});

describe('spam signals', () => {
  test('the honeypot is off-screen, out of the Tab order and sent empty; fillMs is the time taken', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    const page = await browser.context.newPage();
    await page.goto(pageUrl);
    await page.locator('firstcall-widget a.call').waitFor({ state: 'visible' });
    await tabTo(page, w('button.btn.open'));
    const pressedOpen = Date.now();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe(w('#fc-name'));

    const trap = await page.locator('firstcall-widget #fc-website').evaluate((input) => {
      const wrapper = input.parentElement as HTMLElement;
      const box = input.getBoundingClientRect();
      const root = input.getRootNode() as ShadowRoot;
      return {
        wrapperHidden: wrapper.getAttribute('aria-hidden'),
        display: getComputedStyle(wrapper).display,
        offScreen: box.right <= 0 || box.left >= innerWidth,
        tabIndex: (input as HTMLInputElement).tabIndex,
        autocomplete: input.getAttribute('autocomplete'),
        label: root.querySelector('label[for="fc-website"]')?.textContent,
      };
    });
    expect(trap).toEqual({
      wrapperHidden: 'true',
      display: 'block',
      offScreen: true,
      tabIndex: -1,
      autocomplete: 'off',
      label: 'Leave this empty',
    });

    // Every Tab stop from the phone to Send, and Shift+Tab back to the name: never the honeypot.
    await typeLikeAPerson(page, 'Taylor Honeypot-Check');
    await tabTo(page, w('#fc-phone'));
    await page.keyboard.type('(312) 555-0176');
    const stops = await tabTo(page, w('button.primary'));
    stops.push(...(await tabTo(page, w('#fc-name'), { back: true })));
    expect(stops.filter((stop) => stop.includes('website'))).toEqual([]);

    await tabTo(page, w('button.primary'));
    const created = page.waitForResponse((r) => r.url() === leadsUrl && r.status() === 201);
    await page.keyboard.press('Enter');
    const response = await created;
    const tookMs = Date.now() - pressedOpen;
    const body = response.request().postDataJSON() as { website: string; fillMs: number };
    expect(body.website).toBe('');
    expect(Number.isInteger(body.fillMs)).toBe(true);
    expect(body.fillMs).toBeGreaterThanOrEqual(1500);
    expect(body.fillMs).toBeLessThanOrEqual(tookMs);
    const { leadId } = (await response.json()) as LeadCreated;
    expect((await fetchLead(workerOrigin, site, leadId)).lead.status).not.toBe('spam');
    await page.close();
  });

  test('a bot that fills the honeypot gets the usual answer, and its lead is filed as spam', async () => {
    const { site, leadsUrl, pageUrl } = await newSite();
    const page = await browser.context.newPage();
    await fillForm(page, pageUrl, 'Spammy McBotface', '(312) 555-0177');
    // What a form-filling bot does: set every input's value, visible or not.
    await page.locator('firstcall-widget #fc-website').evaluate((input) => {
      (input as HTMLInputElement).value = 'https://cheap-pills.example';
    });
    const created = page.waitForResponse((r) => r.url() === leadsUrl && r.status() === 201);
    await page.keyboard.press('Enter');
    const response = await created;
    expect(response.request().postDataJSON()).toMatchObject({
      website: 'https://cheap-pills.example',
    });
    await expect.poll(() => focused(page)).toBe(w('#fc-ack-title'));
    const { leadId } = (await response.json()) as LeadCreated;
    expect((await fetchLead(workerOrigin, site, leadId)).lead.status).toBe('spam');
    await page.close();
  });
});
