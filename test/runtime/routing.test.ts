import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SiteConfigInput } from '../../shared/schemas';
import {
  call,
  claimToken,
  createLead,
  leadDetail,
  outbox,
  putSite,
  settledOutbox,
  siteConfig,
} from './fixtures';

const stub = (site: string) => env.SITE.getByName(site);
const alerted = async (leadId: string) =>
  (await outbox(leadId)).filter((e) => e.kind === 'csr-alert').map((e) => e.memberId);
const sms = [{ channel: 'sms' as const, afterSeconds: 0 }];

afterEach(() => {
  vi.useRealTimers();
});

/** Plumbing goes to Dana's team, AC to Lee's; each team has its own policy. */
function tradesConfig(overrides: Partial<SiteConfigInput> = {}): SiteConfigInput {
  return siteConfig({
    team: siteConfig().team.map((m) => ({ ...m, notify: sms })),
    teams: [
      { id: 'plumbing', name: 'Plumbing', members: ['dana'] },
      { id: 'hvac', name: 'HVAC', members: ['lee'] },
    ],
    policies: [
      {
        id: 'quick',
        steps: [
          { afterSeconds: 0, notify: ['assignee'] },
          { afterSeconds: 60, notify: [{ role: 'owner' }] },
        ],
        repeat: 0,
      },
      {
        id: 'slow',
        steps: [
          { afterSeconds: 0, notify: ['assignee'] },
          { afterSeconds: 600, notify: [{ role: 'owner' }] },
        ],
        repeat: 0,
      },
    ],
    routing: [
      {
        id: 'plumbing',
        match: { services: ['Plumbing'] },
        target: { team: 'plumbing' },
        assign: 'round-robin',
        policy: 'quick',
      },
      {
        id: 'hvac',
        match: { services: ['AC repair'] },
        target: { team: 'hvac' },
        assign: 'round-robin',
        policy: 'slow',
      },
    ],
    ...overrides,
  });
}

describe('routing rules in the Site object', () => {
  it('sends each trade to its own team and policy; unmatched leads go the default way', async () => {
    await putSite('trades', tradesConfig());
    const plumbing = await createLead('trades', { service: 'Plumbing' });
    const ac = await createLead('trades', { service: 'AC repair' });
    const other = await createLead('trades', { service: 'Furnace repair' });
    expect(
      (await leadDetail('trades', plumbing.leadId)).timeline.find((e) => e.type === 'assigned'),
    ).toMatchObject({ memberIds: ['dana'], rule: 'plumbing', level: 'target' });
    expect((await leadDetail('trades', ac.leadId)).lead.assigneeId).toBe('lee');
    expect(
      (await leadDetail('trades', other.leadId)).timeline.find((e) => e.type === 'assigned'),
    ).toMatchObject({ rule: null, level: 'on-call' });
    expect(plumbing.ack.message).toContain('Dana');
  });

  it('applies a rule change to the next lead, never to a lead already in flight', async () => {
    await putSite('in-flight', tradesConfig());
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const before = await createLead('in-flight', { service: 'Plumbing' });
    // Plumbing now goes to HVAC's people under the slow policy.
    await putSite(
      'in-flight',
      tradesConfig({
        routing: [
          {
            id: 'plumbing',
            match: { services: ['Plumbing'] },
            target: { team: 'hvac' },
            assign: 'round-robin',
            policy: 'slow',
          },
        ],
      }),
    );
    const after = await createLead('in-flight', { service: 'Plumbing' });
    await settledOutbox(after.leadId, 2);
    expect((await leadDetail('in-flight', after.leadId)).lead.assigneeId).toBe('lee');
    expect((await leadDetail('in-flight', before.leadId)).lead.assigneeId).toBe('dana');

    vi.setSystemTime(t0 + 61_000);
    await runDurableObjectAlarm(stub('in-flight'));
    // The first lead keeps the quick policy it arrived under: the owner is alerted at 60 s.
    expect(await alerted(before.leadId)).toEqual(['dana', 'max']);
    expect(await alerted(after.leadId)).toEqual(['lee']);
  });

  it('passes over members who are off duty', async () => {
    await putSite(
      'duty',
      siteConfig({ team: siteConfig().team.map((m) => ({ ...m, notify: sms })) }),
    );
    await runInDurableObject(stub('duty'), (_o, state) => {
      state.storage.sql.exec(
        "INSERT INTO console_duty (member_id, off_duty, at) VALUES ('dana', 1, 0)",
      );
    });
    const assignees = [];
    for (let i = 0; i < 3; i++)
      assignees.push((await leadDetail('duty', (await createLead('duty')).leadId)).lead.assigneeId);
    expect(assignees).toEqual(['lee', 'lee', 'lee']);
  });
});

describe('after hours and holidays', () => {
  // Monday 2026-11-23 is a holiday here; New York is on EST (UTC-5).
  const SUNDAY_10PM = Date.parse('2026-11-23T03:00:00Z');
  const TUESDAY_8AM = Date.parse('2026-11-24T13:00:00Z');
  const weekdays = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { open: '08:00', close: '18:00' }]),
  );

  it('holds a routine lead for the first business opening after the holiday, then alerts whoever is on', async () => {
    await putSite(
      'holiday',
      tradesConfig({
        hours: weekdays,
        holidays: ['2026-11-23'],
        schedules: [
          {
            id: 'office',
            name: 'Office',
            layers: [
              {
                id: 'desk',
                rotation: {
                  type: 'daily',
                  handoff: '08:00',
                  startDate: '2026-11-01',
                  members: ['lee', 'dana'],
                },
                restrictions: [
                  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' },
                ],
              },
            ],
          },
        ],
        routing: [
          {
            id: 'office',
            match: {},
            target: { schedule: 'office' },
            assign: 'round-robin',
            policy: 'quick',
          },
        ],
      }),
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(SUNDAY_10PM);
    const lead = await createLead('holiday');
    expect(lead.ack.message).toBe(
      "Thanks, Sam! We're closed right now. We'll call you first thing on Tuesday at 8:00 AM.",
    );
    const detail = await leadDetail('holiday', lead.leadId);
    expect(detail.lead.assigneeId).toBeNull();
    expect(detail.timeline.find((e) => e.type === 'assignment_deferred')).toMatchObject({
      until: '2026-11-24T13:00:00.000Z',
    });
    await settledOutbox(lead.leadId, 1);
    expect(await alerted(lead.leadId)).toEqual([]);

    vi.setSystemTime(TUESDAY_8AM + 500);
    await runDurableObjectAlarm(stub('holiday'));
    const onAt8 = (await leadDetail('holiday', lead.leadId)).lead.assigneeId;
    expect(['lee', 'dana']).toContain(onAt8);
    expect(await alerted(lead.leadId)).toEqual([onAt8]);
  });
});

describe('two clocks: claimed is not reached', () => {
  it('escalates a claimed lead again when nobody reaches the homeowner by the contact SLA, and stops when they reply', async () => {
    await putSite(
      'contact',
      tradesConfig({
        policies: [
          {
            id: 'sla',
            contactSlaSeconds: 600,
            steps: [
              { afterSeconds: 0, notify: ['assignee'] },
              { afterSeconds: 300, notify: [{ role: 'owner' }] },
            ],
            repeat: 0,
          },
        ],
        routing: [{ id: 'all', match: {}, target: {}, assign: 'round-robin', policy: 'sla' }],
      }),
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const reached = await createLead('contact', { phone: '617-555-0141' });
    const silent = await createLead('contact', { phone: '617-555-0142' });
    for (const l of [reached, silent]) {
      const [alert] = (await settledOutbox(l.leadId, 2)).filter((e) => e.kind === 'csr-alert');
      vi.setSystemTime(t0 + 60_000);
      expect((await call(`/c/${claimToken(alert?.body ?? '')}`, { method: 'POST' })).status).toBe(
        200,
      );
    }
    // The homeowner of the first lead answers a text: they are in touch.
    await stub('contact').inboundSms('+16175550141', 'Yes, come at 3', t0 + 120_000);

    vi.setSystemTime(t0 + 601_000);
    await runDurableObjectAlarm(stub('contact'));
    const silentAlerts = (await outbox(silent.leadId)).filter((e) => e.kind === 'csr-alert');
    expect(silentAlerts.map((e) => e.memberId)).toEqual(['lee', 'lee']);
    expect(silentAlerts.at(-1)?.body).toMatch(/^NOT REACHED YET \(10 min\)/);
    expect(
      (await leadDetail('contact', silent.leadId)).timeline.find((e) => e.type === 'escalated'),
    ).toMatchObject({ phase: 'contact' });
    expect(await alerted(reached.leadId)).toEqual(['dana']);
    expect((await leadDetail('contact', reached.leadId)).lead.status).toBe('contacted');

    vi.setSystemTime(t0 + 901_000);
    await runDurableObjectAlarm(stub('contact'));
    expect(await alerted(silent.leadId)).toEqual(['lee', 'lee', 'max']);
  });
});

describe('who is on call', () => {
  it("shows each schedule's on-call members and its next hand-offs, in the site's time zone", async () => {
    await putSite(
      'rota',
      siteConfig({
        schedules: [
          {
            id: 'after-hours',
            name: 'After-hours phone',
            layers: [
              {
                id: 'weekly',
                rotation: {
                  type: 'weekly',
                  handoff: '09:00',
                  startDate: '2026-11-02',
                  members: ['dana', 'lee'],
                },
              },
            ],
            overrides: [{ memberId: 'max', start: '2026-11-28T09:00', end: '2026-11-28T17:00' }],
          },
        ],
      }),
    );
    const at = (iso: string) =>
      call(`/v1/admin/sites/rota/on-call?at=${encodeURIComponent(iso)}`, {
        headers: { Authorization: 'Bearer test-admin-token' },
      });
    // Weekly turns from Monday 2026-11-02 09:00: dana, lee, dana, lee — so Lee has the week of the 23rd.
    const wed = (await (await at('2026-11-25T17:00:00Z')).json()) as {
      schedules: Array<{
        onCall: Array<{ id: string }>;
        next: Array<{ at: string; to: string[] }>;
      }>;
    };
    expect(wed.schedules[0]?.onCall.map((m) => m.id)).toEqual(['lee']);
    expect(wed.schedules[0]?.next[0]).toMatchObject({
      at: '2026-11-28T14:00:00.000Z',
      to: ['max'],
    });
    const sat = (await (await at('2026-11-28T15:00:00Z')).json()) as {
      schedules: Array<{ onCall: Array<{ id: string }> }>;
    };
    expect(sat.schedules[0]?.onCall.map((m) => m.id)).toEqual(['max']);
    expect((await at('yesterday')).status).toBe(400);
  });
});

describe('escalation progress for the console', () => {
  it('tells which step a lead is on and when the next fires, in each phase', async () => {
    await putSite(
      'progress',
      siteConfig({
        policies: [
          {
            id: 'p',
            contactSlaSeconds: 900,
            steps: [
              { afterSeconds: 0, notify: ['assignee'] },
              { afterSeconds: 120, notify: ['on-call'] },
            ],
            repeat: 0,
          },
        ],
        routing: [{ id: 'all', match: {}, target: {}, assign: 'round-robin', policy: 'p' }],
      }),
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { leadId } = await createLead('progress');
    const item = async (at: number) =>
      (
        (await stub('progress').consoleQueue(at)) as Array<{
          id: string;
          escalation?: Record<string, unknown>;
        }>
      ).find((i) => i.id === leadId);
    expect((await item(t0 + 10_000))?.escalation).toMatchObject({
      phase: 'claim',
      currentStep: 0,
      nextStep: 1,
      nextAt: new Date(t0 + 120_000).toISOString(),
    });

    const [alert] = (await settledOutbox(leadId, 2)).filter((e) => e.kind === 'csr-alert');
    vi.setSystemTime(t0 + 60_000);
    await call(`/c/${claimToken(alert?.body ?? '')}`, { method: 'POST' });
    expect((await item(t0 + 70_000))?.escalation).toMatchObject({
      phase: 'contact',
      currentStep: null,
      nextStep: 0,
      nextAt: new Date(t0 + 900_000).toISOString(),
    });
  });
});
