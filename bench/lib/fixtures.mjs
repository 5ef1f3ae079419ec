// Sites and leads the bench creates: the same shapes as the runtime tests' fixtures (a site open
// around the clock, so results do not depend on the hour), with numbers libphonenumber accepts.
import { ADMIN_TOKEN } from './local-worker.mjs';

/** The browser origin leads claim to come from; every bench site allows it. */
export const HOST_ORIGIN = 'https://acme-heating.example';

const everyDay = { open: '00:00', close: '23:59' };

export function siteConfig(overrides = {}) {
  return {
    name: 'Acme Heating',
    phone: '(312) 555-0100',
    timezone: 'America/Chicago',
    allowedOrigins: [HOST_ORIGIN],
    services: ['Furnace repair', 'AC repair', 'Plumbing'],
    hours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, everyDay]),
    ),
    consentText:
      'I agree to receive texts about my request. Msg & data rates may apply. Reply STOP to opt out.',
    responseMinutes: 5,
    team: [
      { id: 'dana', name: 'Dana Reyes', phone: '(312) 555-0101', role: 'csr' },
      { id: 'lee', name: 'Lee Park', phone: '(312) 555-0102', role: 'csr' },
      { id: 'max', name: 'Max Owens', phone: '(312) 555-0103', role: 'owner' },
    ],
    onCall: ['dana', 'lee'],
    // The product's usual shape, with later steps far enough out that none fires within a bench
    // run however slow it is, so every lead's timeline (and storage) is the same.
    escalation: {
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 3600, notify: ['on-call'] },
        { afterSeconds: 7200, notify: ['max'] },
      ],
      repeat: 1,
      repeatIntervalSeconds: 3600,
    },
    ...overrides,
  };
}

/** A full lead as the widget sends it, with SMS consent so it makes an ack and an alert. */
export function leadBody(n) {
  return {
    name: `Bench Lead ${n}`,
    phone: `(312) 555-01${String(n % 100).padStart(2, '0')}`,
    email: 'sam@example.com',
    service: 'Furnace repair',
    zip: '60601',
    message: 'No heat since last night',
    urgent: false,
    preferredContact: 'call',
    smsConsent: true,
    page: {
      url: `${HOST_ORIGIN}/furnace?utm_source=google&gclid=abc`,
      referrer: 'https://www.google.com/',
      utm: { source: 'google' },
      gclid: 'abc',
    },
  };
}

export const adminHeaders = {
  Authorization: `Bearer ${ADMIN_TOKEN}`,
  'Content-Type': 'application/json',
};

export async function putSite(origin, site, config = siteConfig()) {
  const res = await fetch(`${origin}/v1/admin/sites/${site}`, {
    method: 'PUT',
    headers: adminHeaders,
    body: JSON.stringify(config),
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`PUT site ${site}: ${res.status} ${await res.text()}`);
}

/** Posts one lead the way the widget does (Origin, Idempotency-Key); returns its id. */
export async function postLead(origin, site, n, key) {
  const res = await fetch(`${origin}/v1/sites/${site}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: HOST_ORIGIN, 'Idempotency-Key': key },
    body: JSON.stringify(leadBody(n)),
  });
  if (res.status !== 201) throw new Error(`lead ${key}: ${res.status} ${await res.text()}`);
  return (await res.json()).leadId;
}

export async function leadDetail(origin, site, leadId) {
  const res = await fetch(`${origin}/v1/admin/sites/${site}/leads/${leadId}`, {
    headers: adminHeaders,
  });
  if (res.status !== 200) throw new Error(`lead ${leadId}: ${res.status} ${await res.text()}`);
  return res.json();
}
