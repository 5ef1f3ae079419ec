// A homeowner on a contractor site with a hostile theme, using only the keyboard, requests
// service: the widget must survive the theme, validate, send, acknowledge honestly, tell the host
// page, and the worker must alert the CSR and text the homeowner.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { ErrorBody, LeadCreated, WidgetEvent } from '../../shared/schemas';
import { type Browser, launchChromium } from './chromium';
import { clearFocusedField, focused, tabTo, typeLikeAPerson } from './keyboard';
import { createSite, waitForOutbox } from './test-site';

const workerOrigin = inject('workerOrigin');
const hostOrigin = inject('hostOrigin');
const site = `browser-${Date.now().toString(36)}`;
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const OPEN = 'firstcall-widget>button.btn.open';
const CALL = 'firstcall-widget>a.btn.call';

let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await createSite(workerOrigin, site, hostOrigin);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openHostPage(width = 1280, height = 800): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${hostOrigin}/?site=${site}`);
  // The call link appears once the site config has arrived.
  await page.locator('firstcall-widget a.call').waitFor({ state: 'visible' });
  return page;
}

/** Keyboard only: Tab from the top of the page to the launcher, Enter, wait for the dialog. */
async function openFormByKeyboard(page: Page): Promise<void> {
  await tabTo(page, OPEN);
  await page.keyboard.press('Enter');
  await page.locator('firstcall-widget dialog[open]').waitFor();
  await expect.poll(() => focused(page)).toBe('firstcall-widget>#fc-name');
}

/** Runs `read` on an element inside the widget's shadow root (Playwright's CSS pierces it). */
function shadowQuery<T>(page: Page, selector: string, read: (el: Element) => T): Promise<T> {
  return page.locator(`firstcall-widget ${selector}`).evaluate(read);
}

describe('the widget on a hostile host page', () => {
  test('survives the theme: launcher visible, on top and clickable', async () => {
    const page = await openHostPage();
    const host = await page.evaluate(() => {
      const el = document.querySelector('firstcall-widget') as HTMLElement;
      const s = getComputedStyle(el);
      return { display: s.display, position: s.position, zIndex: s.zIndex, opacity: s.opacity };
    });
    expect(host).toEqual({
      display: 'block',
      position: 'fixed',
      zIndex: '2147483647',
      opacity: '1',
    });

    const launcher = await page.evaluate(() => {
      const root = document.querySelector('firstcall-widget')?.shadowRoot;
      const button = root?.querySelector('button.open');
      if (!root || !button) throw new Error('no launcher');
      const r = button.getBoundingClientRect();
      const hit = root.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return {
        width: r.width,
        height: r.height,
        right: innerWidth - r.right,
        bottom: innerHeight - r.bottom,
        onTop: hit === button || button.contains(hit),
        fontSize: getComputedStyle(button).fontSize,
        name: button.textContent,
      };
    });
    expect(launcher.onTop).toBe(true);
    expect(launcher.fontSize).toBe('16px');
    expect(launcher.name).toBe('Request service');
    expect(launcher.height).toBeGreaterThanOrEqual(44);
    expect(launcher.right).toBeCloseTo(16, 0);
    expect(launcher.bottom).toBeCloseTo(16, 0);
    await page.screenshot({ path: `${shots}launcher-closed-1280.png`, animations: 'disabled' });
    await page.close();
  });

  test('"Call now" appearing later does not move "Request service"', async () => {
    const page = await browser.context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Hold the config back so the launcher is drawn first and completed afterwards.
    await page.route(`${workerOrigin}/v1/sites/${site}/config`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${hostOrigin}/?site=${site}`);
    const button = page.locator('firstcall-widget button.open');
    await button.waitFor({ state: 'visible' });
    const before = await button.boundingBox();
    expect(await page.locator('firstcall-widget a.call').isVisible()).toBe(false);
    release();
    await page.locator('firstcall-widget a.call').waitFor({ state: 'visible' });
    expect(await button.boundingBox()).toEqual(before);
    await page.close();
  });

  test('keyboard-only homeowner sends a request and gets the server acknowledgement', async () => {
    const page = await openHostPage();
    await openFormByKeyboard(page);
    expect(await page.evaluate(() => window.hostEvents.map((e) => e.type))).toContain(
      'firstcall:open',
    );
    expect(await shadowQuery(page, '#fc-name', (el) => getComputedStyle(el).fontSize)).toBe('16px');
    await page.screenshot({ path: `${shots}form-open-1280.png`, animations: 'disabled' });

    // First try: a phone number the server can't use. Enter in a field submits the form.
    await typeLikeAPerson(page, 'Jordan Rivera');
    await tabTo(page, 'firstcall-widget>#fc-phone');
    await page.keyboard.type('555-01');
    const rejected = page.waitForResponse(
      (r) => r.url().endsWith(`/sites/${site}/leads`) && r.request().method() === 'POST',
    );
    await page.keyboard.press('Enter');
    const rejection = await rejected;
    expect(rejection.status()).toBe(400);
    const phoneError = ((await rejection.json()) as ErrorBody).error.fields?.phone;
    expect(phoneError).toBeTruthy();

    // Shown inline, linked to the field, announced, and focus put on the field to fix.
    await expect.poll(() => focused(page)).toBe('firstcall-widget>#fc-phone');
    const inline = await shadowQuery(page, '#fc-phone', (el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      const root = el.getRootNode() as ShadowRoot;
      return {
        invalid: el.getAttribute('aria-invalid'),
        description: ids.map((id) => root.getElementById(id)?.textContent).join(' '),
        alert: root.querySelector('[role="alert"]')?.textContent ?? '',
      };
    });
    expect(inline.invalid).toBe('true');
    expect(inline.description).toBe(phoneError);
    expect(inline.alert).toContain(phoneError);
    await page.screenshot({ path: `${shots}form-error-1280.png`, animations: 'disabled' });

    // Fix it and fill in the rest, in Tab order.
    await clearFocusedField(page);
    await page.keyboard.type('(312) 555-0147');
    const order: string[] = [];
    order.push(...(await tabTo(page, 'firstcall-widget>#fc-email', { max: 1 })));
    await page.keyboard.type('jordan@example.com');
    order.push(...(await tabTo(page, 'firstcall-widget>#fc-service', { max: 1 })));
    await page.keyboard.type('Furnace');
    expect(await shadowQuery(page, '#fc-service', (el) => (el as HTMLSelectElement).value)).toBe(
      'Furnace repair',
    );
    order.push(...(await tabTo(page, 'firstcall-widget>#fc-zip', { max: 1 })));
    await page.keyboard.type('60601');
    order.push(...(await tabTo(page, 'firstcall-widget>#fc-message', { max: 1 })));
    await page.keyboard.type('Furnace is blowing cold air and the house is at 55F.');
    order.push(...(await tabTo(page, 'firstcall-widget>#fc-urgent', { max: 1 })));
    await page.keyboard.press('Space');
    order.push(...(await tabTo(page, 'firstcall-widget>input[value=call]', { max: 1 })));
    order.push(...(await tabTo(page, 'firstcall-widget>#fc-smsConsent', { max: 1 })));
    expect(
      await shadowQuery(page, '#fc-smsConsent', (el) => (el as HTMLInputElement).checked),
    ).toBe(false);
    await page.keyboard.press('Space');
    order.push(...(await tabTo(page, 'firstcall-widget>button.primary', { max: 1 })));
    await page.screenshot({ path: `${shots}form-filled-1280.png`, animations: 'disabled' });
    expect(order).toEqual(
      [
        '#fc-email',
        '#fc-service',
        '#fc-zip',
        '#fc-message',
        '#fc-urgent',
        'input[value=call]',
        '#fc-smsConsent',
        'button.primary',
      ].map((stop) => `firstcall-widget>${stop}`),
    );

    const created = page.waitForResponse(
      (r) => r.url().endsWith(`/sites/${site}/leads`) && r.request().method() === 'POST',
    );
    await page.keyboard.press('Enter');
    const response = await created;
    expect(response.status()).toBe(201);
    const sent = response.request();
    const lead = (await response.json()) as LeadCreated;
    expect(sent.headers()['idempotency-key']).toMatch(/^[A-Za-z0-9-]{16,}$/);
    expect(sent.postDataJSON()).toMatchObject({
      name: 'Jordan Rivera',
      phone: '(312) 555-0147',
      email: 'jordan@example.com',
      service: 'Furnace repair',
      zip: '60601',
      urgent: true,
      preferredContact: 'call',
      smsConsent: true,
      page: { url: `${hostOrigin}/?site=${site}` },
    });

    // The acknowledgement is the server's own words, and focus lands on its heading.
    await expect.poll(() => focused(page)).toBe('firstcall-widget>#fc-ack-title');
    expect(await shadowQuery(page, '.ack-message', (el) => el.textContent)).toBe(lead.ack.message);
    await page.screenshot({ path: `${shots}acknowledgement-1280.png`, animations: 'disabled' });

    // The host page hears about it, without personal data.
    const events = await page.evaluate(() => window.hostEvents);
    const submitted = events.find((e) => e.type === 'firstcall:lead-submitted');
    expect(submitted?.detail).toEqual({
      leadId: lead.leadId,
      service: 'Furnace repair',
      urgent: true,
    });

    // The worker alerted the CSR with a claim link and texted the homeowner.
    const outbox = await waitForOutbox(
      workerOrigin,
      lead.leadId,
      (entries) =>
        entries.some((e) => e.kind === 'csr-alert') && entries.some((e) => e.kind === 'sms-ack'),
    );
    expect(outbox.find((e) => e.kind === 'csr-alert')?.body).toContain('/c/');
    expect(outbox.find((e) => e.kind === 'sms-ack')?.to).toBe('+13125550147');

    // Escape closes the dialog and puts focus back on the launcher.
    await page.keyboard.press('Escape');
    await page.locator('firstcall-widget dialog[open]').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe(OPEN);
    await page.close();
  });

  test('"Call now" records a call_click before the tel: link goes ahead', async () => {
    const page = await openHostPage();
    const href = await shadowQuery(page, 'a.call', (el) => el.getAttribute('href'));
    expect(href).toBe('tel:+13125550199');
    await tabTo(page, CALL);
    // Playwright can't read a beacon's body from the request event; an interception that only
    // looks and passes it on can.
    const eventsUrl = `${workerOrigin}/v1/sites/${site}/events`;
    let seen: (body: string | null) => void = () => {};
    const body = new Promise<string | null>((resolve) => {
      seen = resolve;
    });
    await page.route(eventsUrl, async (route) => {
      seen(route.request().postData());
      await route.continue();
    });
    const beacon = page.waitForRequest((r) => r.url() === eventsUrl && r.method() === 'POST');
    await page.keyboard.press('Enter');
    const request = await beacon;
    expect(request.headers()['content-type']).toBe('text/plain');
    expect(JSON.parse((await body) ?? '{}') as WidgetEvent).toMatchObject({
      type: 'call_click',
      page: { url: `${hostOrigin}/?site=${site}` },
    });
    // 202: the worker parsed and recorded it.
    expect((await request.response())?.status()).toBe(202);
    expect(await page.evaluate(() => window.hostEvents.map((e) => e.type))).toContain(
      'firstcall:call-click',
    );
    await page.close();
  });

  test('at 360px the form is a near full-width sheet', async () => {
    const page = await openHostPage(360, 740);
    await page.screenshot({ path: `${shots}launcher-closed-360.png`, animations: 'disabled' });
    // Both launcher controls fit on one row, the main one still in the corner.
    const open = await page.locator('firstcall-widget button.open').boundingBox();
    const call = await page.locator('firstcall-widget a.call').boundingBox();
    expect(open && 360 - (open.x + open.width)).toBeCloseTo(16, 0);
    expect(open && call && Math.abs(open.y - call.y)).toBeLessThan(1);
    expect(await page.locator('firstcall-widget a.call').getAttribute('href')).toBe(
      'tel:+13125550199',
    );
    // Icon only on a narrow screen, but still named for screen readers.
    expect(await page.getByRole('link', { name: 'Call now' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Request service' }).isVisible()).toBe(true);
    await openFormByKeyboard(page);
    const box = await shadowQuery(page, 'dialog', (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, width: r.width, bottom: innerHeight - r.bottom };
    });
    expect(box.width).toBeGreaterThanOrEqual(340);
    expect(box.bottom).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${shots}form-open-360.png`, animations: 'disabled' });
    await page.close();
  });

  test("the widget's CSS does not leak into the host page", async () => {
    const read = (page: Page) =>
      page.evaluate(() => {
        const probe = document.getElementById('probe') as HTMLElement;
        const s = getComputedStyle(probe);
        const b = getComputedStyle(document.body);
        return [
          s.fontSize,
          s.fontFamily,
          s.color,
          s.display,
          s.margin,
          s.borderTopColor,
          s.letterSpacing,
          b.fontSize,
          b.color,
        ];
      });
    const bare = await browser.context.newPage();
    await bare.goto(`${hostOrigin}/`);
    const without = await read(bare);
    await bare.close();

    const page = await openHostPage();
    await openFormByKeyboard(page);
    expect(await read(page)).toEqual(without);
    await page.close();
  });
});

declare global {
  interface Window {
    hostEvents: { type: string; detail: unknown }[];
  }
}
