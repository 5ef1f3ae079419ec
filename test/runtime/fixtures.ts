import { exports } from 'cloudflare:workers';
import type { LeadCreated, SiteConfigInput } from '../../shared/schemas';
import type { DevOutboxEntry } from '../../worker/dev-outbox';

export const ADMIN = { Authorization: 'Bearer test-admin-token' };
export const HOST = 'https://acme-heating.example';
const BASE = 'https://leads.test';

/** A site open around the clock, so tests do not depend on the hour they run at. */
export function siteConfig(overrides: Partial<SiteConfigInput> = {}): SiteConfigInput {
  return {
    name: 'Acme Heating',
    phone: '(617) 555-0100',
    timezone: 'America/New_York',
    allowedOrigins: [HOST, 'https://*.acme-heating.example'],
    services: ['Furnace repair', 'AC repair', 'Plumbing'],
    hours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
        d,
        { open: '00:00', close: '23:59' },
      ]),
    ),
    consentText:
      'I agree to receive texts about my request. Msg & data rates may apply. Reply STOP to opt out.',
    responseMinutes: 5,
    team: [
      { id: 'dana', name: 'Dana Reyes', phone: '617-555-0101', role: 'csr' },
      { id: 'lee', name: 'Lee Park', phone: '617-555-0102', role: 'csr' },
      { id: 'max', name: 'Max Owens', phone: '617-555-0103', role: 'owner' },
    ],
    onCall: ['dana', 'lee'],
    escalation: {
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 120, notify: ['on-call'] },
        { afterSeconds: 300, notify: ['max'] },
      ],
      repeat: 1,
      repeatIntervalSeconds: 300,
    },
    ...overrides,
  };
}

export const call = (path: string, init: RequestInit = {}): Promise<Response> =>
  exports.default.fetch(new Request(`${BASE}${path}`, init));

export async function putSite(
  site: string,
  config: SiteConfigInput = siteConfig(),
): Promise<Response> {
  return call(`/v1/admin/sites/${site}`, {
    method: 'PUT',
    headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });
}

export function leadBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Sam Jones',
    phone: '(617) 555-0199',
    email: 'sam@example.com',
    service: 'Furnace repair',
    zip: '02139',
    message: 'No heat since last night',
    urgent: false,
    preferredContact: 'call',
    smsConsent: true,
    page: {
      url: `${HOST}/furnace?utm_source=google&gclid=abc`,
      referrer: 'https://www.google.com/',
      utm: { source: 'google' },
      gclid: 'abc',
    },
    ...overrides,
  };
}

export function postLead(
  site: string,
  body: unknown,
  key: string | null = crypto.randomUUID(),
  origin: string | null = HOST,
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key) headers['Idempotency-Key'] = key;
  if (origin) headers.Origin = origin;
  return call(`/v1/sites/${site}/leads`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function createLead(
  site: string,
  overrides: Record<string, unknown> = {},
): Promise<LeadCreated> {
  const res = await postLead(site, leadBody(overrides));
  if (res.status !== 201) throw new Error(`lead not created: ${res.status} ${await res.text()}`);
  return res.json();
}

export type OutboxEntry = DevOutboxEntry;

export async function outbox(leadId?: string): Promise<OutboxEntry[]> {
  const all = (await (await call('/dev/outbox.json?limit=5000')).json()) as OutboxEntry[];
  return leadId ? all.filter((e) => e.leadId === leadId) : all;
}

export interface TimelineEntry {
  at: string;
  type: string;
  memberId?: string;
  [k: string]: unknown;
}

export async function leadDetail(
  site: string,
  leadId: string,
): Promise<{ lead: Record<string, unknown>; timeline: TimelineEntry[] }> {
  const res = await call(`/v1/admin/sites/${site}/leads/${leadId}`, { headers: ADMIN });
  if (res.status !== 200) throw new Error(`lead detail: ${res.status}`);
  return res.json();
}

/** Waits until the object's own dispatch (started after the commit) has sent what it queued. */
export async function settledOutbox(leadId: string, count: number): Promise<OutboxEntry[]> {
  let entries: OutboxEntry[] = [];
  for (let i = 0; i < 100; i++) {
    entries = await outbox(leadId);
    if (entries.length >= count) return entries;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`expected ${count} outbox entries for ${leadId}, found ${entries.length}`);
}

export function claimToken(body: string): string {
  const m = /\/c\/([A-Za-z0-9_.-]+)/.exec(body);
  if (!m?.[1]) throw new Error(`no claim link in: ${body}`);
  return m[1];
}
