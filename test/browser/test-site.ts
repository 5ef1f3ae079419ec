// The contractor site the browser tests create through the admin API: open around the clock so
// the acknowledgement and escalation don't depend on when the tests run.
import type { SiteConfigInput } from '../../shared/schemas';

export const ADMIN_TOKEN = 'browser-admin-token';

const ALL_DAY = { open: '00:00', close: '23:59' };

export function testSiteConfig(hostOrigin: string): SiteConfigInput {
  return {
    name: 'Acme Heating & Plumbing',
    phone: '(312) 555-0199',
    country: 'US',
    timezone: 'America/Chicago',
    allowedOrigins: [hostOrigin],
    services: ['Furnace repair', 'AC repair', 'Water heater', 'Leak or burst pipe'],
    hours: {
      mon: ALL_DAY,
      tue: ALL_DAY,
      wed: ALL_DAY,
      thu: ALL_DAY,
      fri: ALL_DAY,
      sat: ALL_DAY,
      sun: ALL_DAY,
    },
    consentText:
      'I agree to receive text messages from Acme Heating & Plumbing about my request. Msg & data rates may apply. Reply STOP to opt out.',
    responseMinutes: 5,
    brandColor: '#b3261e',
    launcherText: 'Request service',
    team: [
      { id: 'dana', name: 'Dana Reyes', phone: '(312) 555-0101', role: 'csr' },
      { id: 'sam', name: 'Sam Ortiz', phone: '(312) 555-0102', role: 'csr' },
      { id: 'olive', name: 'Olive Park', phone: '(312) 555-0103', role: 'owner' },
    ],
    onCall: ['dana'],
    escalation: {
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 120, notify: ['on-call'] },
      ],
      repeat: 0,
    },
  };
}

export async function createSite(
  workerOrigin: string,
  site: string,
  hostOrigin: string,
): Promise<void> {
  await putSite(workerOrigin, site, testSiteConfig(hostOrigin));
}

/** Creates or replaces `site` with `config` through the admin API. */
export async function putSite(
  workerOrigin: string,
  site: string,
  config: SiteConfigInput,
): Promise<void> {
  const res = await fetch(`${workerOrigin}/v1/admin/sites/${site}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!res.ok)
    throw new Error(`PUT /v1/admin/sites/${site} answered ${res.status}: ${await res.text()}`);
}

export interface OutboxEntry {
  at: string;
  site: string;
  leadId: string;
  kind: 'csr-alert' | 'sms-ack';
  channel: string;
  to: string;
  memberId?: string;
  body: string;
}

/** Polls the dev outbox until `ready` accepts what it holds for the lead, or gives up. */
export async function waitForOutbox(
  workerOrigin: string,
  leadId: string,
  ready: (entries: OutboxEntry[]) => boolean,
  timeoutMs = 15_000,
): Promise<OutboxEntry[]> {
  const deadline = Date.now() + timeoutMs;
  let entries: OutboxEntry[] = [];
  while (Date.now() < deadline) {
    const res = await fetch(`${workerOrigin}/dev/outbox.json`);
    if (res.ok) {
      entries = ((await res.json()) as OutboxEntry[]).filter((e) => e.leadId === leadId);
      if (ready(entries)) return entries;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `dev outbox for ${leadId} not as expected after ${timeoutMs} ms: ${JSON.stringify(entries)}`,
  );
}

export interface LeadDetailView {
  lead: { id: string; status: string; website?: string; fillMs?: number };
  timeline: { type: string; idempotencyKey?: string }[];
}

/** The lead and its timeline, as the admin API shows them. */
export async function fetchLead(
  workerOrigin: string,
  site: string,
  leadId: string,
): Promise<LeadDetailView> {
  const res = await fetch(`${workerOrigin}/v1/admin/sites/${site}/leads/${leadId}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  if (!res.ok) throw new Error(`GET lead ${leadId} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as LeadDetailView;
}
