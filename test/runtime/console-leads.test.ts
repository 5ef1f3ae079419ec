import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleLeadDetail, QueueItem } from '../../shared/schemas';
import { api, json, post, signIn } from './console-fixtures';
import { createLead, leadDetail, outbox, putSite, settledOutbox } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
});

const queue = async (cookie: string) =>
  (await json<{ leads: QueueItem[] }>(api(cookie, '/queue'))).leads;

describe('the console queue and a lead', () => {
  it('lists a new lead, claims it with one tap and tells a second CSR who has it', async () => {
    await putSite('work-claim');
    const dana = await signIn('work-claim', 'dana');
    const lee = await signIn('work-claim', 'lee');
    const { leadId } = await createLead('work-claim', { urgent: true });
    const [item] = await queue(dana);
    expect(item).toMatchObject({
      id: leadId,
      name: 'Sam Jones',
      phone: '+16175550199',
      service: 'Furnace repair',
      urgent: true,
      assigneeName: 'Dana Reyes',
      claimedBy: null,
      test: false,
    });
    expect(['received', 'alerted']).toContain(item?.status);
    const claimed = await json<QueueItem>(post(dana, `/leads/${leadId}/claim`, {}));
    expect(claimed).toMatchObject({ status: 'claimed', claimedBy: 'dana' });
    // Claiming again is harmless; someone else gets a clear 409.
    expect((await post(dana, `/leads/${leadId}/claim`, {})).status).toBe(200);
    const late = await post(lee, `/leads/${leadId}/claim`, {});
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toContain(
      'Dana Reyes',
    );
    expect((await queue(lee))[0]).toMatchObject({ claimedByName: 'Dana Reyes' });
  });

  it('records outcomes: reached ends the clock, booked keeps the appointment, lost needs a reason', async () => {
    await putSite('work-outcomes');
    const dana = await signIn('work-outcomes', 'dana');
    const lee = await signIn('work-outcomes', 'lee');
    const owner = await signIn('work-outcomes', 'max');
    const { leadId } = await createLead('work-outcomes');

    const early = await post(dana, `/leads/${leadId}/outcome`, { outcome: 'reached' });
    expect(early.status).toBe(409); // claim first
    await json(post(dana, `/leads/${leadId}/claim`, {}));
    // Another CSR cannot record outcomes on Dana's lead; an owner can.
    expect((await post(lee, `/leads/${leadId}/outcome`, { outcome: 'reached' })).status).toBe(403);
    const reached = await json<QueueItem>(
      post(dana, `/leads/${leadId}/outcome`, { outcome: 'reached', note: 'Talked to Sam' }),
    );
    expect(reached).toMatchObject({ status: 'contacted', outcome: 'reached' });

    const bad = await post(owner, `/leads/${leadId}/outcome`, { outcome: 'booked' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty(
      'appointmentAt',
    );
    const booked = await json<QueueItem>(
      post(owner, `/leads/${leadId}/outcome`, {
        outcome: 'booked',
        appointmentAt: '2030-01-15T14:30:00-05:00',
      }),
    );
    expect(booked).toMatchObject({
      status: 'booked',
      outcome: 'booked',
      appointmentAt: '2030-01-15T19:30:00.000Z',
    });
    expect(
      (await post(dana, `/leads/${leadId}/outcome`, { outcome: 'lost', reason: 'x' })).status,
    ).toBe(409);

    const detail = await leadDetail('work-outcomes', leadId);
    // Reached stops the contact clock, as a connected call does.
    const contactedAt = await runInDurableObject(env.SITE.getByName('work-outcomes'), (_, state) =>
      state.storage.sql
        .exec<{ at: number | null }>('SELECT contacted_at AS at FROM leads WHERE id = ?', leadId)
        .one(),
    );
    expect(contactedAt.at).toBeTypeOf('number');
    const contacted = detail.timeline.filter((e) => e.type === 'contacted');
    expect(contacted).toHaveLength(1);
    expect(contacted[0]).toMatchObject({ memberId: 'dana', via: 'console' });
    expect(detail.timeline.filter((e) => e.type === 'outcome').map((e) => e.outcome)).toEqual([
      'reached',
      'booked',
    ]);

    const second = await createLead('work-outcomes', { phone: '617-555-0111' });
    await json(post(dana, `/leads/${second.leadId}/claim`, {}));
    expect((await post(dana, `/leads/${second.leadId}/outcome`, { outcome: 'lost' })).status).toBe(
      400,
    );
    expect(
      await json<QueueItem>(
        post(dana, `/leads/${second.leadId}/outcome`, {
          outcome: 'lost',
          reason: 'Went with a competitor',
        }),
      ),
    ).toMatchObject({ status: 'lost' });
  });

  it('marks an unclaimed lead as spam and stops its alerts', async () => {
    await putSite('work-spam');
    const lee = await signIn('work-spam', 'lee');
    const { leadId } = await createLead('work-spam');
    await settledOutbox(leadId, 2);
    expect(
      await json<QueueItem>(post(lee, `/leads/${leadId}/outcome`, { outcome: 'spam' })),
    ).toMatchObject({ status: 'spam' });
    const stub = env.SITE.getByName('work-spam');
    await runDurableObjectAlarm(stub);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    await runDurableObjectAlarm(stub);
    const timeline = (await leadDetail('work-spam', leadId)).timeline;
    expect(timeline.filter((e) => e.type === 'escalated')).toHaveLength(0);
  });

  it('schedules a reminder for "no answer" and shows the retry time in the queue', async () => {
    await putSite('work-retry');
    const dana = await signIn('work-retry', 'dana');
    const { leadId } = await createLead('work-retry');
    await json(post(dana, `/leads/${leadId}/claim`, {}));
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const item = await json<QueueItem>(
      post(dana, `/leads/${leadId}/outcome`, { outcome: 'no_answer', retryInMinutes: 15 }),
    );
    expect(item.status).toBe('claimed');
    expect(Date.parse(item.retryAt ?? '') - t0).toBe(15 * 60_000);
    const reminders = async () => (await outbox(leadId)).filter((e) => e.kind === 'retry-reminder');
    await runDurableObjectAlarm(env.SITE.getByName('work-retry'));
    expect(await reminders()).toHaveLength(0);
    vi.setSystemTime(t0 + 15 * 60_000 + 1000);
    await runDurableObjectAlarm(env.SITE.getByName('work-retry'));
    const [reminder] = await reminders();
    // No push subscription: the reminder is a text to Dana with a link to the lead.
    expect(reminder).toMatchObject({ channel: 'sms', to: '+16175550101', memberId: 'dana' });
    expect(reminder?.body).toContain(`/console/leads/${leadId}`);
    expect(reminder?.body).toContain('Sam Jones');
  });

  it('calls off a pending reminder once another outcome is recorded', async () => {
    await putSite('work-retry-off');
    const dana = await signIn('work-retry-off', 'dana');
    const { leadId } = await createLead('work-retry-off');
    await json(post(dana, `/leads/${leadId}/claim`, {}));
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    await json(post(dana, `/leads/${leadId}/outcome`, { outcome: 'no_answer', retryInMinutes: 5 }));
    const reached = await json<QueueItem>(
      post(dana, `/leads/${leadId}/outcome`, { outcome: 'reached' }),
    );
    expect(reached.retryAt).toBeNull();
    vi.setSystemTime(t0 + 6 * 60_000);
    await runDurableObjectAlarm(env.SITE.getByName('work-retry-off'));
    expect((await outbox(leadId)).filter((e) => e.kind === 'retry-reminder')).toHaveLength(0);
  });

  it('shows everything the homeowner gave, notes, the timeline and earlier leads from the same phone', async () => {
    await putSite('work-detail');
    const dana = await signIn('work-detail', 'dana');
    const first = await createLead('work-detail', { message: 'Furnace again' });
    const { leadId } = await createLead('work-detail', { phone: '+1 617 555 0199' });
    await createLead('work-detail', { phone: '617-555-0142' });
    expect((await post(dana, `/leads/${leadId}/notes`, { text: '  ' })).status).toBe(400);
    expect((await post(dana, `/leads/${leadId}/notes`, { text: 'Gate code 4411' })).status).toBe(
      204,
    );
    const detail = await json<ConsoleLeadDetail>(api(dana, `/leads/${leadId}`));
    expect(detail.input).toMatchObject({
      email: 'sam@example.com',
      zip: '02139',
      preferredContact: 'call',
      page: { gclid: 'abc', utm: { source: 'google' } },
    });
    expect(detail.pastLeads.map((l) => l.id)).toEqual([first.leadId]);
    const types = detail.timeline.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['received', 'assigned', 'alert_queued', 'note']));
    expect(detail.timeline.find((e) => e.type === 'note')).toMatchObject({
      memberId: 'dana',
      text: 'Gate code 4411',
    });
    expect(detail.memberNames.dana).toBe('Dana Reyes');
    expect((await api(dana, '/leads/ld_nope')).status).toBe(404);
    expect((await api(dana, '/leads/..%2Fx')).status).toBe(404);
  });

  it('returns what a homeowner typed as plain JSON strings, never as markup', async () => {
    await putSite('work-xss');
    const dana = await signIn('work-xss', 'dana');
    const name = '<img src=x onerror=alert(1)>';
    const message = '</script><script>alert(2)</script>';
    const { leadId } = await createLead('work-xss', { name, message });
    await post(dana, `/leads/${leadId}/notes`, { text: '<b>bold</b>' });
    const res = await api(dana, `/leads/${leadId}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const detail = (await res.json()) as ConsoleLeadDetail;
    expect(detail.item.name).toBe(name);
    expect(detail.input.message).toBe(message);
    expect(detail.timeline.find((e) => e.type === 'note')?.text).toBe('<b>bold</b>');
    expect((await queue(dana))[0]?.name).toBe(name);
  });
});
