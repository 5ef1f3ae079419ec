import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLead,
  putSite,
  resetFakes,
  runAlarm,
  setTwilioFaults,
  siteConfig,
  twilioState,
} from './fixtures';

beforeEach(async () => {
  await resetFakes();
});
afterEach(() => {
  vi.useRealTimers();
});

const site = 'faults';
const MEMBER_PHONES = new Set(['+13125550101', '+13125550102', '+13125550103']);

/** Advances the clock in steps, running the alarm each time, until `count` texts were accepted. */
async function driveUntil(
  count: number,
  from: number,
  stepMs: number,
  maxSteps: number,
): Promise<number> {
  let now = from;
  for (let i = 0; i < maxSteps; i++) {
    if ((await twilioState()).accepted.length >= count) return now;
    now += stepMs;
    vi.setSystemTime(now);
    await runAlarm(site);
  }
  throw new Error(
    `only ${(await twilioState()).accepted.length} of ${count} texts after ${maxSteps} steps`,
  );
}

function expectExactlyOnce(accepted: Array<{ token: string | null }>, expected: number) {
  const tokens = accepted.map((a) => a.token);
  expect(tokens.every((t) => typeof t === 'string')).toBe(true);
  expect(new Set(tokens).size).toBe(tokens.length);
  expect(tokens).toHaveLength(expected);
}

describe('fault injection: a flaky, then unreachable, SMS provider', () => {
  it('delivers every alert and acknowledgement exactly once, emergencies first after an outage', async () => {
    await putSite(
      site,
      siteConfig({
        // Texts only, so every request the fake sees is one of the messages counted here.
        team: siteConfig().team.map((m) => ({
          ...m,
          notify: [{ channel: 'sms' as const, afterSeconds: 0 }],
        })),
        onCall: ['dana', 'lee', 'max'],
        escalation: { steps: [{ afterSeconds: 0, notify: ['assignee'] }], repeat: 0 },
      }),
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = Date.now();

    // Phase 1: half of all requests fail at random (seeded, so a failure can be replayed).
    await setTwilioFaults({ failRate: 0.5, seed: 20261122 });
    const flaky = 30;
    for (let i = 0; i < flaky; i++)
      await createLead(site, { name: `Flaky ${i}`, urgent: i % 3 === 0 });
    now = await driveUntil(flaky * 2, now, 5_000, 400);
    let state = await twilioState();
    expectExactlyOnce(state.accepted, flaky * 2);
    expect(state.stats.failed).toBeGreaterThan(5);
    expect(state.stats.replayed).toBe(0);
    const phase1 = { requests: state.stats.requests, failed: state.stats.failed };

    // Phase 2: unreachable for a minute while leads keep coming, ordinary ones first.
    await setTwilioFaults({ down: true });
    const names: string[] = [];
    for (let i = 0; i < 10; i++) {
      const urgent = i >= 5;
      names.push(`${urgent ? 'Urgent' : 'Routine'} ${i}`);
      await createLead(site, { name: names[i], urgent, smsConsent: false });
    }
    const burst = (await twilioState()).stats.dropped;
    const downUntil = now + 60_000;
    let alarms = 0;
    while (now < downUntil) {
      now += 5_000;
      vi.setSystemTime(now);
      await runAlarm(site);
      alarms++;
    }
    state = await twilioState();
    expect(state.accepted).toHaveLength(flaky * 2);
    // Held behind one probe: while it is down, each alarm tries one message, not all ten.
    expect(state.stats.dropped - burst).toBeGreaterThan(0);
    expect(state.stats.dropped - burst).toBeLessThanOrEqual(alarms);

    await setTwilioFaults({});
    await driveUntil(flaky * 2 + 10, now, 5_000, 200);
    state = await twilioState();
    expectExactlyOnce(state.accepted, flaky * 2 + 10);
    expect(state.stats.replayed).toBe(0);
    const afterOutage = state.accepted
      .slice(flaky * 2)
      .filter((a) => MEMBER_PHONES.has(a.form.To ?? ''));
    const order = afterOutage.map((a) =>
      a.form.Body?.includes('EMERGENCY') ? 'urgent' : 'routine',
    );
    expect(order).toEqual([...Array(5).fill('urgent'), ...Array(5).fill('routine')]);

    console.log(
      JSON.stringify({
        phase1: {
          leads: flaky,
          texts: flaky * 2,
          requests: phase1.requests,
          failedRequests: phase1.failed,
          delivered: flaky * 2,
          duplicates: 0,
        },
        phase2: {
          leads: 10,
          texts: 10,
          droppedDuringOutage: state.stats.dropped,
          deliveredAfterRecovery: afterOutage.length,
          order: 'all 5 emergencies before the 5 routine alerts',
        },
      }),
    );
  });
});

describe('quiet hours', () => {
  it('holds a routine acknowledgement that is late (a provider outage) from 9 PM until 8 AM, and sends an emergency one at once', async () => {
    await putSite(
      'quiet',
      siteConfig({
        team: siteConfig().team.map((m) => ({
          ...m,
          notify: [{ channel: 'sms' as const, afterSeconds: 0 }],
        })),
      }),
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    // 8:55 PM in Chicago (CST, UTC-6) on Monday 2026-11-23.
    const evening = Date.parse('2026-11-24T02:55:00Z');
    vi.setSystemTime(evening);
    await setTwilioFaults({ down: true });
    const routine = await createLead('quiet', { phone: '(312) 555-0141' });
    await createLead('quiet', { phone: '(312) 555-0142', urgent: true });
    await setTwilioFaults({});
    // Back at 9:10 PM: alerts and the emergency's text go; the routine text waits.
    vi.setSystemTime(evening + 15 * 60_000);
    await runAlarm('quiet');
    for (let i = 0; i < 10; i++) {
      vi.setSystemTime(evening + (16 + i) * 60_000);
      await runAlarm('quiet');
    }
    const sentTo = (await twilioState()).accepted.map((a) => a.form.To);
    expect(sentTo).toContain('+13125550142');
    expect(sentTo).not.toContain('+13125550141');
    const { timeline } = await import('./fixtures');
    expect(
      (await timeline('quiet', routine.leadId)).find((e) => e.type === 'ack_held'),
    ).toMatchObject({ until: '2026-11-24T14:00:00.000Z' });

    vi.setSystemTime(Date.parse('2026-11-24T14:00:30Z'));
    await runAlarm('quiet');
    expect((await twilioState()).accepted.map((a) => a.form.To)).toContain('+13125550141');
  });
});
