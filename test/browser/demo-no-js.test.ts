// A visitor with JavaScript off on the demo page: the widget can't run, so the page's <noscript>
// form is what they get, and a plain form post must still become a real lead that alerts the
// on-call CSR, answered with the worker's own thank-you page.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { SiteConfigInput } from '../../shared/schemas';
import { type Browser, launchChromium } from './chromium';
import { fetchLead, type OutboxEntry, putSite } from './test-site';

const workerOrigin = inject('workerOrigin');
const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let browser: Browser;

beforeAll(async () => {
  // The same demo contractor `npm run dev` seeds, so the form's service list is checked against
  // the real one. A computed specifier: the script is plain JavaScript without type declarations.
  const script = new URL('../../scripts/demo-site.mjs', import.meta.url).href;
  const { demoSite } = (await import(script)) as {
    demoSite: (origins: string[]) => SiteConfigInput;
  };
  await putSite(workerOrigin, 'demo', demoSite([workerOrigin]));
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium({ javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
});

async function demoAlerts(): Promise<OutboxEntry[]> {
  const res = await fetch(`${workerOrigin}/dev/outbox.json`);
  const entries = (await res.json()) as OutboxEntry[];
  return entries.filter((e) => e.site === 'demo' && e.kind === 'csr-alert');
}

describe('the demo page without JavaScript', () => {
  test('offers a plain form whose post becomes a lead', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${workerOrigin}/demo`);
    const form = page.locator('form[action$="/v1/sites/demo/leads"]');
    await form.waitFor({ state: 'visible' });
    expect(await page.locator('#request h2').textContent()).toBe('No JavaScript? Use this form');
    // Every listed service is one the demo site offers: the worker would refuse any other.
    const options = await form.locator('select[name="service"] option').allTextContents();
    const config = (await (await fetch(`${workerOrigin}/v1/sites/demo/config`)).json()) as {
      services: string[];
    };
    expect(options.slice(1)).toEqual(config.services);
    await form.screenshot({ path: `${shots}demo-no-js-form.png` });

    await form.getByLabel('Your name').fill('Casey No-Script');
    await form.getByLabel('Mobile phone').fill('(617) 555-0188');
    await form.getByLabel('Service (optional)').selectOption('AC repair');
    await form.getByLabel('This is an emergency').check();
    await form.getByLabel('Text me', { exact: true }).check();
    await form.getByLabel(/I agree to receive text messages/).check();
    const before = (await demoAlerts()).length;
    await form.getByRole('button', { name: 'Send request' }).click();

    // No redirect given: the worker's own thank-you page, with the acknowledgement.
    await page.getByRole('heading', { name: 'Request sent' }).waitFor();
    expect(await page.locator('p').first().textContent()).toMatch(/Casey/);

    let alerts: OutboxEntry[] = [];
    for (let i = 0; i < 50 && alerts.length <= before; i++) {
      alerts = await demoAlerts();
      if (alerts.length <= before) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const leadId = alerts.at(-1)?.leadId ?? '';
    const { lead } = await fetchLead(workerOrigin, 'demo', leadId);
    expect(lead).toMatchObject({
      name: 'Casey No-Script',
      service: 'AC repair',
      urgent: true,
      preferredContact: 'text',
      smsConsent: true,
    });
    expect(lead.status).not.toBe('spam');
    await page.close();
  });
});
