// An owner sets up a new site entirely from the console: the admin only creates the site with
// its owner and hands over the owner's invite. The owner fills in the business, watches the
// widget preview change, adds a CSR, puts them on call, edits the escalation steps (checked
// with the shared schema, so a broken step is refused beside its field), copies the snippet and
// sends a test lead that shows each step; the next real lead follows the new escalation.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { LeadCreated, PublicSiteConfig, SiteConfigInput } from '../../shared/schemas';
import { type Browser, launchChromium } from './chromium';
import { adminInviteUrl, devOutbox, waitForMessage } from './console-support';
import { putSite } from './test-site';

const workerOrigin = inject('workerOrigin');
const hostOrigin = inject('hostOrigin');
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SITE = `owner-${Date.now().toString(36)}`;

/** What an admin starts a contractor with: a name, the owner, and nothing else worth keeping. */
const BARE: SiteConfigInput = {
  name: 'New contractor',
  phone: '(312) 555-0100',
  timezone: 'America/Chicago',
  allowedOrigins: [],
  hours: {},
  consentText: 'I agree to receive texts about my request.',
  team: [{ id: 'olive', name: 'Olive Park', phone: '(312) 555-0103', role: 'owner' }],
  onCall: ['olive'],
  escalation: { steps: [{ afterSeconds: 0, notify: ['assignee'] }] },
};

let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await putSite(workerOrigin, SITE, BARE);
  browser = await launchChromium();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function settings(tab: string): Promise<void> {
  await page.goto(`${workerOrigin}/console/settings/${tab}`);
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
}

/** Every form control on the page has a name a screen reader can read out. */
async function unlabelledControls(): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => {
        const labelled =
          (el as HTMLInputElement).labels?.length ||
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el.localName === 'button' && el.textContent?.trim());
        return !labelled && (el as HTMLInputElement).type !== 'hidden';
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
}

async function postLead(name: string): Promise<string> {
  const res = await fetch(`${workerOrigin}/v1/sites/${SITE}/leads`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
      Origin: hostOrigin,
    },
    body: JSON.stringify({ name, phone: '(312) 555-0147', smsConsent: false }),
  });
  if (res.status !== 201) throw new Error(`lead: ${res.status} ${await res.text()}`);
  return ((await res.json()) as LeadCreated).leadId;
}

describe('an owner sets up a site from the console', () => {
  test('signs in and fills in the business, with a live widget preview', async () => {
    await page.goto(await adminInviteUrl(workerOrigin, SITE, 'olive'));
    await page.getByRole('tablist', { name: 'Lists' }).waitFor();
    await settings('site');
    await page.getByLabel('Business name').fill('Acme Heating & Plumbing');
    await page.getByLabel('Phone homeowners call').fill('(312) 555-0199');
    await page.getByLabel('Time zone').selectOption('America/Chicago');
    for (const day of [
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]) {
      await page.getByRole('checkbox', { name: day }).check();
      await page.getByLabel(`${day} opens`).fill('00:00');
      await page.getByLabel(`${day} closes`).fill('23:59');
    }
    await page
      .getByLabel('Services (one per line)')
      .fill('Furnace repair\nAC repair\nWater heater');
    await page.getByLabel(/Websites allowed to send leads/).fill(hostOrigin);
    await page.getByLabel('Brand colour', { exact: true }).fill('#b3261e');
    await page.getByLabel('Launcher text').fill('Get help now');
    const preview = page.locator('.preview-launcher');
    await expect.poll(() => preview.locator('button.open span').textContent()).toBe('Get help now');
    expect(
      await preview.evaluate(
        (el) => getComputedStyle(el.shadowRoot?.querySelector('.open') as Element).backgroundColor,
      ),
    ).toBe('rgb(179, 38, 30)');

    // A mistake is caught by the shared schema, beside its field, before anything is sent.
    await page.getByLabel('Country (2 letters)').fill('u1');
    await page.getByRole('button', { name: 'Save site settings' }).click();
    await page.locator('.field-error').first().waitFor();
    await page.getByLabel('Country (2 letters)').fill('US');
    await page.getByRole('button', { name: 'Save site settings' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect(await unlabelledControls()).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({
      path: `${shots}console-settings-site-1280.png`,
      fullPage: true,
      animations: 'disabled',
    });

    const pub = (await (
      await fetch(`${workerOrigin}/v1/sites/${SITE}/config`)
    ).json()) as PublicSiteConfig;
    expect(pub).toMatchObject({
      name: 'Acme Heating & Plumbing',
      launcherText: 'Get help now',
      brandColor: '#b3261e',
      services: ['Furnace repair', 'AC repair', 'Water heater'],
      openNow: true,
    });
  });

  test('adds a CSR, invites them and puts them on call', async () => {
    await settings('team');
    await page.getByRole('button', { name: 'Add a member' }).click();
    const form = page.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Name').fill('Dana Reyes');
    await form.getByLabel('Mobile phone').fill('(312) 555-0101');
    await form.getByRole('button', { name: 'Add to the team' }).click();
    const dana = page.locator('li.member').filter({ hasText: 'Dana Reyes' });
    await dana.waitFor();
    await dana.getByRole('button', { name: 'Text it to +13125550101' }).click();
    const link = await dana.getByLabel('Invite link').inputValue();
    await waitForMessage(workerOrigin, SITE, (m) => m.kind === 'invite' && m.body.includes(link));
    expect(await unlabelledControls()).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({
      path: `${shots}console-team-360.png`,
      fullPage: true,
      animations: 'disabled',
    });
    await page.setViewportSize({ width: 1280, height: 800 });

    await settings('escalation');
    await page.getByLabel('Add to the rotation').selectOption({ label: 'Dana Reyes' });
    await page.getByRole('button', { name: 'Take Olive Park out of the rotation' }).click();
    await page.getByRole('button', { name: 'Save escalation' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
  });

  test('edits the escalation steps; a broken step is refused; the next lead follows the new steps', async () => {
    const before = await postLead('Before The Change');
    await waitForMessage(workerOrigin, SITE, (m) => m.leadId === before && m.kind === 'csr-alert');
    expect(
      (await devOutbox(workerOrigin, SITE))
        .filter((m) => m.leadId === before && m.kind === 'csr-alert')
        .map((m) => m.memberId),
    ).toEqual(['dana-reyes']);

    await settings('escalation');
    const step1 = page.getByRole('group', { name: 'Step 1: Who to alert' });
    await step1.getByRole('checkbox', { name: 'The person the lead was assigned to' }).uncheck();
    await page.getByRole('button', { name: 'Save escalation' }).click();
    await step1.locator('.field-error').waitFor();
    expect(await step1.locator('.field-error').textContent()).toBe('Choose at least one');

    await step1.getByRole('checkbox', { name: 'Olive Park' }).check();
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByRole('button', { name: 'Save escalation' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.screenshot({
      path: `${shots}console-settings-escalation-1280.png`,
      fullPage: true,
      animations: 'disabled',
    });

    const after = await postLead('After The Change');
    await waitForMessage(workerOrigin, SITE, (m) => m.leadId === after && m.kind === 'csr-alert');
    expect(
      (await devOutbox(workerOrigin, SITE))
        .filter((m) => m.leadId === after && m.kind === 'csr-alert')
        .map((m) => m.memberId),
    ).toEqual(['olive']);
  });

  test('copies the snippet and sends a test lead that shows each step', async () => {
    await settings('go-live');
    expect(await page.getByLabel('Embed snippet').inputValue()).toBe(
      `<script src="${workerOrigin}/widget.js" data-site="${SITE}" async></script>`,
    );
    await page.getByRole('button', { name: 'Send a test lead' }).click();
    const steps = page.locator('.test-steps');
    await steps.getByText('Lead received').waitFor();
    await steps.getByText('Assigned to Dana Reyes').waitFor();
    await steps.getByText('Alert sent to Olive Park by text').waitFor({ timeout: 15_000 });
    expect(await page.locator('.checklist .todo').count()).toBe(0);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({
      path: `${shots}console-go-live-360.png`,
      fullPage: true,
      animations: 'disabled',
    });
  });
});
