// Restart safety: the runtime is killed in the middle of an escalation, with its state on disk,
// and started again. Every timer must resume: no alert lost, none sent twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { startWranglerDev, type WranglerDev } from './wrangler-dev';

const root = new URL('../../', import.meta.url).pathname;
const ADMIN_TOKEN = 'restart-admin-token';
const vars = { DEV_MODE: '1', ADMIN_TOKEN, RATE_LIMITS_OFF: '1' };
const state = mkdtempSync(join(tmpdir(), 'firstcall-restart-'));
const running: WranglerDev[] = [];

afterAll(async () => {
  for (const w of running) await w.stop();
  rmSync(state, { recursive: true, force: true });
});

interface Entry {
  leadId: string;
  kind: string;
  memberId?: string;
  body: string;
}

async function alertsFor(origin: string, leadId: string): Promise<Entry[]> {
  const all = (await (await fetch(`${origin}/dev/outbox.json?limit=5000`)).json()) as Entry[];
  return all.filter((e) => e.leadId === leadId && e.kind === 'csr-alert');
}

async function waitFor(
  origin: string,
  leadId: string,
  count: number,
  ms: number,
): Promise<Entry[]> {
  const deadline = Date.now() + ms;
  let last: Entry[] = [];
  while (Date.now() < deadline) {
    last = await alertsFor(origin, leadId);
    if (last.length >= count) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

describe('restart in the middle of an escalation', () => {
  it('resumes every timer from disk: the next step fires once, nothing is repeated', async () => {
    const port = await freePort();
    const first = await startWranglerDev(root, port, vars, state);
    running.push(first);
    const sms = [{ channel: 'sms', afterSeconds: 0 }];
    const config = {
      name: 'Restart Plumbing',
      phone: '(312) 555-0100',
      timezone: 'America/Chicago',
      allowedOrigins: [],
      hours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
          d,
          { open: '00:00', close: '23:59' },
        ]),
      ),
      consentText: 'Texts about my request. Reply STOP to opt out.',
      team: [
        { id: 'dana', name: 'Dana', phone: '(312) 555-0101', role: 'csr', notify: sms },
        { id: 'lee', name: 'Lee', phone: '(312) 555-0102', role: 'csr', notify: sms },
      ],
      onCall: ['dana', 'lee'],
      escalation: {
        steps: [
          { afterSeconds: 0, notify: ['assignee'] },
          { afterSeconds: 6, notify: ['on-call'] },
        ],
        repeat: 0,
      },
    };
    const put = await fetch(`${first.origin}/v1/admin/sites/restart`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(config),
    });
    expect(put.status).toBe(201);
    const res = await fetch(`${first.origin}/v1/sites/restart/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ name: 'Sam', phone: '(312) 555-0199', smsConsent: false }),
    });
    const { leadId } = (await res.json()) as { leadId: string };
    expect((await waitFor(first.origin, leadId, 1, 10_000)).map((e) => e.memberId)).toEqual([
      'dana',
    ]);

    // Crash before the 6 s step, then start again on the same state.
    await first.crash();
    const second = await startWranglerDev(root, port, vars, state);
    running.push(second);
    const after = await waitFor(second.origin, leadId, 3, 30_000);
    expect(after.map((e) => e.memberId).sort()).toEqual(['dana', 'dana', 'lee']);
    expect(after.filter((e) => e.body.startsWith('STILL UNCLAIMED'))).toHaveLength(2);
    // Nothing more arrives later: the step was sent once.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await alertsFor(second.origin, leadId)).toHaveLength(3);
  });
});
