// A site with Cloudflare Turnstile on: the widget loads the (fake) Turnstile script into the page,
// shows its box inside the form through a slot, and sends the token with the lead; the worker
// checks it with the (fake) siteverify API. This file runs its own worker, since the worker has
// to be told where those fakes are.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ErrorBody } from '../../shared/schemas';
import { type Browser, launchChromium } from './chromium';
import { type FakeTurnstile, startFakeTurnstile } from './fake-turnstile';
import { freePort } from './free-port';
import { type HostPageServer, startHostPageServer } from './host-page-server';
import { ADMIN_TOKEN, createSite, putSite, testSiteConfig } from './test-site';
import { startWranglerDev, type WranglerDev } from './wrangler-dev';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SECRET = 'fake-turnstile-secret';
const SITE_KEY = '1x00000000000000000000AA';
const site = `turnstile-${Date.now().toString(36)}`;
const plainSite = `plain-${Date.now().toString(36)}`;

let fake: FakeTurnstile;
let worker: WranglerDev;
let host: HostPageServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  fake = await startFakeTurnstile(await freePort(), SECRET);
  worker = await startWranglerDev(root, await freePort(), {
    DEV_MODE: '1',
    ADMIN_TOKEN,
    RATE_LIMITS_OFF: '1',
    TURNSTILE_SCRIPT_URL: fake.scriptUrl,
    TURNSTILE_API_BASE: fake.origin,
  });
  host = await startHostPageServer(await freePort(), worker.origin);
  await putSite(worker.origin, site, {
    ...testSiteConfig(host.origin),
    turnstile: { siteKey: SITE_KEY, secretKey: SECRET },
  });
  await createSite(worker.origin, plainSite, host.origin);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await worker?.stop();
  await fake?.stop();
});

async function openForm(forSite: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${host.origin}/?site=${forSite}`);
  await page.locator('firstcall-widget a.call').waitFor({ state: 'visible' });
  await page.locator('firstcall-widget button.open').click();
  await page.locator('firstcall-widget dialog[open]').waitFor();
  return page;
}

const leadPost = (page: Page, forSite: string) =>
  page.waitForResponse(
    (r) => r.url().endsWith(`/sites/${forSite}/leads`) && r.request().method() === 'POST',
  );

describe('Turnstile on the widget', () => {
  test('no robot check, no lead; ticked, the lead goes through with a verified token', async () => {
    const page = await openForm(site);
    const box = page.locator('firstcall-widget > div[slot="turnstile"] .fake-turnstile');
    await box.waitFor({ state: 'visible' });

    // The script went into the page once, and its box shows inside the dialog, between the last
    // field and the send button.
    expect(
      await page.evaluate(() =>
        [...document.head.querySelectorAll('script')].map((s) => s.src).filter(Boolean),
      ),
    ).toEqual([fake.scriptUrl]);
    const where = await page.evaluate(() => {
      const widget = document.querySelector('firstcall-widget');
      const root = widget?.shadowRoot;
      const slotted = widget?.querySelector<HTMLElement>('[slot="turnstile"]');
      const slot = root?.querySelector<HTMLSlotElement>('slot[name="turnstile"]');
      const top = (el: Element | null | undefined) => el?.getBoundingClientRect().top ?? Number.NaN;
      return {
        assigned: slot?.assignedElements().includes(slotted as Element) ?? false,
        height: slotted?.getBoundingClientRect().height ?? 0,
        consent: top(root?.querySelector('#fc-smsConsent')),
        check: top(slotted),
        send: top(root?.querySelector('button.primary')),
      };
    });
    expect(where.assigned).toBe(true);
    // Sub-pixel layout (the hostile theme scales fonts) can land a hair under 65 px.
    expect(Math.round(where.height)).toBeGreaterThanOrEqual(65);
    expect(where.consent).toBeLessThan(where.check);
    expect(where.check).toBeLessThan(where.send);

    await page.locator('firstcall-widget #fc-name').fill('Jordan Rivera');
    await page.locator('firstcall-widget #fc-phone').fill('(312) 555-0147');

    // Sent without ticking the box: refused, and said next to the box.
    const refused = leadPost(page, site);
    await page.locator('firstcall-widget button.primary').click();
    const refusal = await refused;
    expect(refusal.status()).toBe(400);
    expect(refusal.request().postDataJSON()).not.toHaveProperty('turnstileToken');
    const message = ((await refusal.json()) as ErrorBody).error.fields?.turnstileToken;
    expect(message).toBe('Please confirm you are not a robot');
    const inline = page.locator('firstcall-widget #fc-turnstileToken-error');
    await expect.poll(() => inline.textContent()).toBe(message);
    expect(await page.locator('firstcall-widget [role="alert"]').textContent()).toContain(message);
    await page.screenshot({ path: `${shots}turnstile-form.png`, animations: 'disabled' });

    // Ticked: the error goes, and the lead is sent with the token and acknowledged.
    await box.click();
    expect(await box.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => inline.count()).toBe(0);
    const created = leadPost(page, site);
    await page.locator('firstcall-widget button.primary').click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ turnstileToken: 'fake-token-1' });
    await page.locator('firstcall-widget .ack').waitFor({ state: 'visible' });
    expect(fake.calls).toEqual([
      expect.objectContaining({ secret: SECRET, response: 'fake-token-1' }),
    ]);
    // The form is gone, and its check with it.
    expect(await page.locator('firstcall-widget > [slot="turnstile"]').count()).toBe(0);
    await page.screenshot({ path: `${shots}turnstile-acknowledged.png`, animations: 'disabled' });
    await page.close();
  });

  test('a site without Turnstile loads no script and shows no robot check', async () => {
    const page = await openForm(plainSite);
    await page.locator('firstcall-widget #fc-name').waitFor();
    expect(
      await page.evaluate(() => ({
        scripts: document.head.querySelectorAll('script[src]').length,
        slotted: document.querySelectorAll('firstcall-widget > [slot]').length,
        slots: document.querySelector('firstcall-widget')?.shadowRoot?.querySelectorAll('slot')
          .length,
      })),
    ).toEqual({ scripts: 0, slotted: 0, slots: 0 });
    await page.close();
  });
});
