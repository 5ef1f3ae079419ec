import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { SiteConfigInput } from '../../shared/schemas';
import type { FakeTwilio, TwilioFaults, TwilioSend } from '../support/fake-twilio';

export const ADMIN = { Authorization: 'Bearer test-admin-token' };
export const ORIGIN = 'https://leads.test';
export const providers = () => inject('providers');

export const call = (path: string, init: RequestInit = {}): Promise<Response> =>
  exports.default.fetch(new Request(`${ORIGIN}${path}`, init));

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    `${providers().control}${path}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  );
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const resetFakes = () => control('/reset', {});
export const twilioState = () =>
  control<{ accepted: TwilioSend[]; stats: FakeTwilio['stats'] }>('/twilio');
export const setTwilioFaults = (faults: TwilioFaults) => control('/twilio/faults', faults);
export const pushReceived = () =>
  control<
    Array<{
      path: string;
      headers: Record<string, string>;
      vapid: { ok: boolean };
      decrypted: { ok: boolean; value?: string } | null;
    }>
  >('/push');
export const pushSubscription = () =>
  control<{ endpoint: string; keys: { p256dh: string; auth: string } }>('/push/subscription');
export const setPushMode = (mode: string) => control('/push/mode', { mode });
export const emailState = () =>
  control<{
    sent: Array<{ id: string; idempotencyKey?: string; payload: Record<string, unknown> }>;
  }>('/email');
export const webhooksReceived = () =>
  control<Array<{ body: string; verified: boolean; status: number; id: string }>>('/webhooks');

/** Posts a Twilio webhook to the worker, signed by Twilio's own library (through the control server). */
export async function twilioWebhook(
  path: string,
  params: Record<string, string | string[]>,
  opts: { signature?: string } = {},
) {
  const url = `${ORIGIN}${path}`;
  const { signature } =
    opts.signature !== undefined
      ? { signature: opts.signature }
      : await control<{ signature: string }>('/twilio/sign', { url, params });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return call(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(signature ? { 'X-Twilio-Signature': signature } : {}),
    },
    body: body.toString(),
  });
}

export function siteConfig(overrides: Partial<SiteConfigInput> = {}): SiteConfigInput {
  return {
    name: 'Acme Heating',
    phone: '(312) 555-0100',
    timezone: 'America/Chicago',
    allowedOrigins: ['https://acme.example'],
    services: [],
    hours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
        d,
        { open: '00:00', close: '23:59' },
      ]),
    ),
    consentText: 'I agree to receive texts about my request. Reply STOP to opt out.',
    team: [
      {
        id: 'dana',
        name: 'Dana Reyes',
        phone: '(312) 555-0101',
        email: 'dana@acme.example',
        role: 'csr',
      },
      { id: 'lee', name: 'Lee Park', phone: '(312) 555-0102', role: 'csr' },
      { id: 'max', name: 'Max Owens', phone: '(312) 555-0103', role: 'owner' },
    ],
    onCall: ['dana'],
    escalation: {
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 300, notify: ['lee'] },
      ],
      repeat: 0,
    },
    ...overrides,
  };
}

export async function putSite(site: string, config: SiteConfigInput = siteConfig()) {
  const res = await call(`/v1/admin/sites/${site}`, {
    method: 'PUT',
    headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (res.status >= 300) throw new Error(`site config refused: ${await res.text()}`);
}

export async function createLead(
  site: string,
  overrides: Record<string, unknown> = {},
): Promise<{ leadId: string }> {
  const res = await call(`/v1/sites/${site}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      name: 'Sam Jones',
      phone: '(312) 555-0199',
      smsConsent: true,
      message: 'No heat',
      ...overrides,
    }),
  });
  if (res.status !== 201) throw new Error(`lead refused: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function timeline(
  site: string,
  leadId: string,
): Promise<Array<{ type: string; [k: string]: unknown }>> {
  const res = await call(`/v1/admin/sites/${site}/leads/${leadId}`, { headers: ADMIN });
  return ((await res.json()) as { timeline: Array<{ type: string }> }).timeline;
}

export async function leadOf(site: string, leadId: string): Promise<Record<string, unknown>> {
  const res = await call(`/v1/admin/sites/${site}/leads/${leadId}`, { headers: ADMIN });
  return ((await res.json()) as { lead: Record<string, unknown> }).lead;
}

/** Waits (bounded) until the object's own dispatch after a change has reached the fakes. */
export async function until<T>(
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 200; i++) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)?.slice(0, 500)}`);
}

export const messagesTo = async (to: string) =>
  (await twilioState()).accepted.filter((s) => s.resource === 'Messages' && s.form.To === to);

export const runAlarm = (site: string) => runDurableObjectAlarm(env.SITE.getByName(site));
