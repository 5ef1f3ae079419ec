// The CSR console in Chromium against the real worker: the owner signs in from the admin's
// invite and invites two CSRs by text; a homeowner sends a lead from the demo page and it
// appears in both CSRs' queues at once, without a reload or any layout shift; one CSR claims
// it and the other sees that; the outcome is recorded; the queue is right again after the
// connection drops. Screenshots of the queue and the lead at phone and laptop widths.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { LeadCreated, SiteConfigInput } from '../../shared/schemas';
import { type Browser, launchChromium } from './chromium';
import {
  adminInviteUrl,
  cutSocket,
  instrument,
  layoutShift,
  restoreSocket,
  shiftSources,
  waitForMessage,
} from './console-support';
import { putSite } from './test-site';

const workerOrigin = inject('workerOrigin');
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SITE = 'demo';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

let owner: Browser;
let dana: Browser;
let lee: Browser;
const dialogs: string[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // The contractor `npm run dev` seeds, so the demo page's widget sends leads to it.
  const script = new URL('../../scripts/demo-site.mjs', import.meta.url).href;
  const { demoSite } = (await import(script)) as {
    demoSite: (origins: string[]) => SiteConfigInput;
  };
  await putSite(workerOrigin, SITE, demoSite([workerOrigin]));
  [owner, dana, lee] = await Promise.all([launchChromium(), launchChromium(), launchChromium()]);
  for (const b of [owner, dana, lee]) {
    await instrument(b);
    // Any alert() would mean something a homeowner typed ran as code.
    b.context.on('page', (p) => p.on('dialog', (d) => void dialogs.push(d.message())));
  }
});

afterAll(async () => {
  await Promise.all([owner, dana, lee].map((b) => b?.close()));
});

async function postLead(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${workerOrigin}/v1/sites/${SITE}/leads`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
      Origin: workerOrigin,
    },
    body: JSON.stringify({ smsConsent: false, ...body }),
  });
  if (res.status !== 201) throw new Error(`lead: ${res.status} ${await res.text()}`);
  return ((await res.json()) as LeadCreated).leadId;
}

/** Opens an invite link in a fresh browser and waits for the signed-in queue. */
async function signInWith(browser: Browser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.getByRole('tablist', { name: 'Lists' }).waitFor();
  // The single-use token left the address bar at once.
  expect(page.url()).toBe(`${workerOrigin}/console/`);
  return page;
}

async function inviteFromTeamTab(page: Page, name: string): Promise<string> {
  await page.goto(`${workerOrigin}/console/settings/team`);
  const member = page.locator('li.member').filter({ hasText: name });
  await member.getByRole('button', { name: 'Invite' }).click();
  await member.getByRole('button', { name: /^Text it to/ }).click();
  await member.getByText(/^Texted to/).waitFor();
  const shown = await member.getByLabel('Invite link').inputValue();
  const text = await waitForMessage(
    workerOrigin,
    SITE,
    (m) => m.kind === 'invite' && m.body.includes(shown),
  );
  expect(text.channel).toBe('sms');
  return shown;
}

const card = (page: Page, name: string) => page.locator('li.card').filter({ hasText: name });

describe('the CSR console', () => {
  let danaPage: Page;
  let leePage: Page;
  let ownerPage: Page;
  let leadId: string;

  test('the owner signs in from the admin invite and invites two CSRs, who sign in by text', async () => {
    ownerPage = await signInWith(owner, await adminInviteUrl(workerOrigin, SITE, 'max'));
    expect(await ownerPage.locator('.brand-name').textContent()).toBe('Acme Heating & Plumbing');
    const danaLink = await inviteFromTeamTab(ownerPage, 'Dana Reyes');
    const leeLink = await inviteFromTeamTab(ownerPage, 'Lee Park');
    danaPage = await signInWith(dana, danaLink);
    leePage = await signInWith(lee, leeLink);

    // The link works once: opened again (a forwarded text, say), it signs nobody in.
    const again = await owner.context.newPage();
    await again.goto(danaLink);
    await again.getByRole('heading', { name: 'Sign in to FirstCall' }).waitFor();
    expect(await again.getByRole('alert').textContent()).toContain('already used');
    await again.close();

    // The session cookie is HttpOnly: no script on the page can read it.
    expect(await danaPage.evaluate(() => document.cookie)).toBe('');
    const cookies = await dana.context.cookies(workerOrigin);
    expect(cookies.find((c) => c.name === 'fc_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
  });

  test('a lead sent on the demo page appears in both queues at once, as text, without moving anything', async () => {
    await danaPage.setViewportSize({ width: 360, height: 740 });
    for (const p of [danaPage, leePage])
      await p.locator('.conn-live').waitFor({ state: 'attached' });
    const shiftBefore = await layoutShift(danaPage);

    const home = await owner.context.newPage();
    await home.goto(`${workerOrigin}/demo`);
    await home.locator('firstcall-widget button.open').click();
    await home.locator('firstcall-widget #fc-name').fill(HOSTILE_NAME);
    await home.locator('firstcall-widget #fc-phone').fill('(617) 555-0142');
    await home.locator('firstcall-widget #fc-service').selectOption('AC repair');
    await home.locator('firstcall-widget #fc-message').fill('<script>alert(2)</script> AC is out');
    // A person takes longer than 1.5 s to fill the form; faster is filed as spam.
    await home.waitForTimeout(1600);
    const created = home.waitForResponse(
      (r) => r.url().endsWith(`/sites/${SITE}/leads`) && r.request().method() === 'POST',
    );
    await home.locator('firstcall-widget button.primary').click();
    leadId = ((await (await created).json()) as LeadCreated).leadId;
    await home.close();

    for (const page of [danaPage, leePage]) {
      const arrived = card(page, HOSTILE_NAME);
      await arrived.waitFor({ timeout: 10_000 });
      expect(await arrived.locator('.card-name').textContent()).toBe(HOSTILE_NAME);
      expect(await page.locator('li.card img').count()).toBe(0);
      await page.getByRole('status').filter({ hasText: 'New lead' }).waitFor();
    }
    expect(await danaPage.title()).toMatch(/^\(\d+\) FirstCall$/);
    expect((await layoutShift(danaPage)) - shiftBefore, (await shiftSources(danaPage)).join()).toBe(
      0,
    );
    expect(dialogs).toEqual([]);
  });

  test('one tap claims it; the other CSR sees who has it; the outcome is recorded', async () => {
    const leeShift = await layoutShift(leePage);
    await card(danaPage, HOSTILE_NAME)
      .getByRole('button', { name: `Claim ${HOSTILE_NAME}` })
      .click();
    await card(danaPage, HOSTILE_NAME).getByText('Yours').waitFor();
    await card(leePage, HOSTILE_NAME).getByText('Claimed by Dana Reyes').waitFor();
    // Lee's list did not move under him either.
    expect(await layoutShift(leePage), (await shiftSources(leePage)).join(', ')).toBe(leeShift);

    await card(danaPage, HOSTILE_NAME).locator('a.card-title').click();
    await danaPage.getByRole('heading', { level: 1, name: HOSTILE_NAME }).waitFor();
    expect(await danaPage.getByRole('link', { name: 'Call' }).getAttribute('href')).toBe(
      'tel:+16175550142',
    );
    await danaPage.getByRole('button', { name: 'Reached' }).click();
    await danaPage.getByLabel('Note (optional)').fill('Booking a visit');
    await danaPage.getByRole('button', { name: 'Save: Reached' }).click();
    await danaPage.locator('.lead-sub .status').filter({ hasText: 'Reached' }).waitFor();
    await danaPage.getByRole('button', { name: 'Booked' }).click();
    await danaPage.getByLabel(/^Appointment/).fill('2030-01-15T09:30');
    await danaPage.getByRole('button', { name: 'Save: Booked' }).click();
    await danaPage.locator('.lead-sub .status').filter({ hasText: 'Booked' }).waitFor();
    const timeline = danaPage.locator('.timeline');
    await timeline.getByText('Dana Reyes recorded: Booked for Tue, Jan 15, 9:30 AM').waitFor();
    const story = await timeline.textContent();
    expect(story).toContain('Claimed by Dana Reyes');
    expect(story).toContain('Dana Reyes reached the homeowner');
    expect(story).toContain('Dana Reyes recorded: Reached');
    await danaPage.getByRole('textbox', { name: 'New note' }).fill('Gate code 4411 <b>');
    await danaPage.getByRole('button', { name: 'Add note' }).click();
    await danaPage.locator('.notes .quote').filter({ hasText: 'Gate code 4411 <b>' }).waitFor();
    // Lee sees the booking without reloading.
    await leePage.getByRole('tab', { name: /Done/ }).click();
    await card(leePage, HOSTILE_NAME)
      .getByText(/Booked/)
      .waitFor();
    expect(dialogs).toEqual([]);
  });

  test('after the connection drops, the queue is right again as soon as it is back', async () => {
    await leePage.getByRole('tab', { name: /Waiting/ }).click();
    await cutSocket(leePage);
    await leePage.locator('.conn-offline').waitFor({ state: 'attached' });
    const missed = await postLead({ name: 'Pat While-Offline', phone: '617-555-0177' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await card(leePage, 'Pat While-Offline').count()).toBe(0);
    await restoreSocket(leePage);
    await card(leePage, 'Pat While-Offline').waitFor({ timeout: 10_000 });
    await leePage.locator('.conn-live').waitFor({ state: 'attached' });
    expect(missed).toBeTruthy();
  });

  test('keyboard: Tab reaches a lead and its Claim button, Enter claims', async () => {
    await postLead({ name: 'Kim Keyboard', phone: '617-555-0166', service: 'Water heater' });
    await card(leePage, 'Kim Keyboard').waitFor();
    const claim = card(leePage, 'Kim Keyboard').getByRole('button', { name: 'Claim Kim Keyboard' });
    await card(leePage, 'Kim Keyboard').locator('a.card-title').focus();
    await leePage.keyboard.press('Tab');
    expect(await claim.evaluate((el) => el === document.activeElement)).toBe(true);
    await leePage.keyboard.press('Enter');
    await card(leePage, 'Kim Keyboard').getByText('Yours').waitFor();
  });

  test('screenshots: the queue and a lead at phone and laptop widths', async () => {
    const maria = await postLead({
      name: 'Maria Gonzalez',
      phone: '617-555-0123',
      email: 'maria@example.com',
      service: 'Furnace or heating repair',
      zip: '02139',
      urgent: true,
      preferredContact: 'text',
      message: 'No heat since last night, two kids at home. Side door, the gate code is 4411.',
      page: {
        url: 'https://acme.example/furnace-repair?utm_source=google&utm_campaign=winter',
        referrer: 'https://www.google.com/',
        utm: { source: 'google', campaign: 'winter' },
        gclid: 'Cj0KCQiA',
      },
    });
    await postLead({
      name: 'Tom Becker',
      phone: '617-555-0124',
      service: 'Water heater',
      zip: '02140',
    });
    const page = await dana.context.newPage();
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      await page.goto(`${workerOrigin}/console/`);
      await card(page, 'Tom Becker').waitFor();
      await page.screenshot({ path: `${shots}console-queue-${width}.png`, animations: 'disabled' });
      // A waiting emergency: what a CSR sees before claiming it (what the phone shows, and the
      // whole page).
      await page.goto(`${workerOrigin}/console/leads/${maria}`);
      await page.getByRole('heading', { level: 1, name: 'Maria Gonzalez' }).waitFor();
      await page.locator('.timeline li').first().waitFor();
      await page.screenshot({ path: `${shots}console-lead-${width}.png`, animations: 'disabled' });
      await page.screenshot({
        path: `${shots}console-lead-${width}-full.png`,
        fullPage: true,
        animations: 'disabled',
      });
    }
    // The hostile name after its booking, on a phone: every bit of it plain text.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${workerOrigin}/console/leads/${leadId}`);
    await page.getByRole('heading', { level: 1, name: HOSTILE_NAME }).waitFor();
    await page.locator('.timeline li').first().waitFor();
    await page.screenshot({
      path: `${shots}console-lead-booked-360-full.png`,
      fullPage: true,
      animations: 'disabled',
    });
    await page.close();
    expect(dialogs).toEqual([]);
  });
});
