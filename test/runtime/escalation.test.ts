import {
  env,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
const alerts = async (leadId: string) =>
  (await outbox(leadId)).filter((e) => e.kind === 'csr-alert').map((e) => e.memberId);
const at = (t: number) => vi.setSystemTime(t);

afterEach(() => {
  vi.useRealTimers();
});

describe('escalation driven by the alarm', () => {
  it('alerts each step when its time passes unclaimed, repeats the last step, then stops', async () => {
    await putSite('esc');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { leadId } = await createLead('esc');
    await settledOutbox(leadId, 2);
    expect(await alerts(leadId)).toEqual(['dana']);

    at(t0 + 119_000);
    await runDurableObjectAlarm(stub('esc'));
    expect(await alerts(leadId)).toEqual(['dana']);

    at(t0 + 120_500);
    expect(await runDurableObjectAlarm(stub('esc'))).toBe(true);
    expect(await alerts(leadId)).toEqual(['dana', 'dana', 'lee']);

    at(t0 + 300_500);
    await runDurableObjectAlarm(stub('esc'));
    expect(await alerts(leadId)).toEqual(['dana', 'dana', 'lee', 'max']);

    // repeat: 1 with a 300 s interval re-alerts the last step once more.
    at(t0 + 600_500);
    await runDurableObjectAlarm(stub('esc'));
    expect(await alerts(leadId)).toEqual(['dana', 'dana', 'lee', 'max', 'max']);

    at(t0 + 3_600_000);
    expect(await runDurableObjectAlarm(stub('esc'))).toBe(false);
    expect(await alerts(leadId)).toHaveLength(5);

    const timeline = (await leadDetail('esc', leadId)).timeline;
    expect(timeline.filter((e) => e.type === 'escalated').map((e) => e.step)).toEqual([1, 2, 2]);
    const sentTo = timeline
      .filter((e) => e.type === 'alert_sent')
      .map((e) => `${e.memberId}@${e.step}`);
    expect(sentTo).toEqual(['dana@0', 'dana@1', 'lee@1', 'max@2', 'max@2']);
    const late = (await outbox(leadId)).at(-1)?.body ?? '';
    expect(late).toMatch(/^STILL UNCLAIMED \(10 min\)/);
  });

  it('stops every further alert the moment the lead is claimed', async () => {
    await putSite('claimstop');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { leadId } = await createLead('claimstop');
    const [alert] = (await settledOutbox(leadId, 2)).filter((e) => e.kind === 'csr-alert');
    at(t0 + 60_000);
    const claimed = await call(`/c/${claimToken(alert?.body ?? '')}`, { method: 'POST' });
    expect(claimed.status).toBe(200);
    at(t0 + 1_000_000);
    expect(await runDurableObjectAlarm(stub('claimstop'))).toBe(false);
    expect(await alerts(leadId)).toEqual(['dana']);
    const detail = await leadDetail('claimstop', leadId);
    expect(detail.lead).toMatchObject({ status: 'claimed', claimedBy: 'dana' });
    expect(detail.timeline.find((e) => e.type === 'claimed')).toMatchObject({
      memberId: 'dana',
      secondsToClaim: 60,
    });
  });

  it('keeps its timers across a restart of the object (they are rows, not memory)', async () => {
    await putSite('restart');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { leadId } = await createLead('restart');
    await settledOutbox(leadId, 2);
    await evictDurableObject(stub('restart'));
    at(t0 + 121_000);
    expect(await runDurableObjectAlarm(stub('restart'))).toBe(true);
    expect(await alerts(leadId)).toEqual(['dana', 'dana', 'lee']);
  });

  it('sends nothing twice when the alarm runs again (alarms are at least once)', async () => {
    await putSite('twice');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { leadId } = await createLead('twice');
    await settledOutbox(leadId, 2);
    at(t0 + 121_000);
    await runDurableObjectAlarm(stub('twice'));
    // Replay the same firing as a retried alarm would: put the fired timer back.
    await runInDurableObject(stub('twice'), (_o, state) => {
      state.storage.sql.exec(
        "INSERT OR IGNORE INTO timers (lead_id, kind, firing, due_at) VALUES (?, 'escalate', 1, ?)",
        leadId,
        t0 + 120_000,
      );
      return state.storage.setAlarm(t0 + 120_000);
    });
    await runDurableObjectAlarm(stub('twice'));
    expect(await alerts(leadId)).toEqual(['dana', 'dana', 'lee']);
  });

  it('applies a policy change to the next lead, never to a lead already in flight', async () => {
    await putSite('policy');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const first = await createLead('policy');
    await putSite(
      'policy',
      siteConfig({ escalation: { steps: [{ afterSeconds: 0, notify: ['max'] }], repeat: 0 } }),
    );
    const second = await createLead('policy');
    await settledOutbox(second.leadId, 2);
    expect(await alerts(second.leadId)).toEqual(['max']);
    at(t0 + 121_000);
    await runDurableObjectAlarm(stub('policy'));
    expect(await alerts(first.leadId)).toEqual(['dana', 'dana', 'lee']);
    expect(await alerts(second.leadId)).toEqual(['max']);
  });
});

describe('after hours', () => {
  // Monday 2026-11-23; New York is on EST (UTC-5).
  const SUNDAY_10PM = Date.parse('2026-11-23T03:00:00Z');
  const MONDAY_8AM = Date.parse('2026-11-23T13:00:00Z');
  const weekdays = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { open: '08:00', close: '18:00' }]),
  );

  it('promises the next opening honestly and alerts when the office opens', async () => {
    await putSite('night', siteConfig({ hours: weekdays }));
    vi.useFakeTimers({ toFake: ['Date'] });
    at(SUNDAY_10PM);
    const lead = await createLead('night');
    expect(lead.ack.message).toBe(
      "Thanks, Sam! We're closed right now. We'll call you first thing tomorrow at 8:00 AM.",
    );
    expect(lead.ack.respondBy).toBe('2026-11-23T13:05:00.000Z');
    expect(lead.status).toBe('received');
    await settledOutbox(lead.leadId, 1);
    expect(await alerts(lead.leadId)).toEqual([]);

    at(MONDAY_8AM + 1_000);
    await runDurableObjectAlarm(stub('night'));
    expect(await alerts(lead.leadId)).toEqual(['dana']);
  });

  it('pages the on-call CSR at once for an emergency', async () => {
    await putSite('night-urgent', siteConfig({ hours: weekdays }));
    vi.useFakeTimers({ toFake: ['Date'] });
    at(SUNDAY_10PM);
    const lead = await createLead('night-urgent', { urgent: true });
    expect(lead.status).toBe('alerted');
    expect(lead.ack.message).toContain('on-call');
    const sent = await settledOutbox(lead.leadId, 2);
    expect(sent.find((e) => e.kind === 'csr-alert')?.body).toContain('EMERGENCY');
  });
});
