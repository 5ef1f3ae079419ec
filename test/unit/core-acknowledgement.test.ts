import { describe, expect, it } from 'vitest';
import type { Hours } from '../../shared/schemas';
import { type AckInput, acknowledge } from '../../worker/core/acknowledgement';

const t = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

const weekdays = { open: '08:00', close: '17:00' };
const OFFICE: Hours = {
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: weekdays,
  sat: { open: '09:00', close: '13:00' },
  sun: null,
};

const input = (over: Partial<AckInput> & { now: number }): AckInput => ({
  siteName: 'Acme Heating',
  timeZone: 'America/New_York',
  hours: OFFICE,
  responseMinutes: 5,
  homeownerName: 'Sam Rivera',
  urgent: false,
  assigneeName: 'Dana Smith',
  ...over,
});

describe('acknowledge while open', () => {
  const now = t('2026-03-10T15:40:00-04:00'); // Tuesday

  it('promises a named person by now + responseMinutes', () => {
    const ack = acknowledge(input({ now }));
    expect(ack).toEqual({
      message: 'Thanks, Sam! Dana at Acme Heating will call you by 3:45 PM.',
      smsBody: 'Acme Heating: Thanks, Sam. Dana will call you by 3:45 PM. Reply STOP to opt out.',
      respondBy: now + 5 * MINUTE,
      clockStartsAt: now,
      afterHours: false,
    });
  });

  it('says "text" when the homeowner prefers a text', () => {
    const ack = acknowledge(input({ now, preferredContact: 'text' }));
    expect(ack.message).toBe('Thanks, Sam! Dana at Acme Heating will text you by 3:45 PM.');
    expect(ack.smsBody).toBe(
      'Acme Heating: Thanks, Sam. Dana will text you by 3:45 PM. Reply STOP to opt out.',
    );
  });

  it('says "call" when the homeowner prefers a call', () => {
    expect(acknowledge(input({ now, preferredContact: 'call' })).message).toBe(
      'Thanks, Sam! Dana at Acme Heating will call you by 3:45 PM.',
    );
  });

  it('names the business instead of a person when nobody is assigned', () => {
    const ack = acknowledge(input({ now, assigneeName: undefined }));
    expect(ack.message).toBe('Thanks, Sam! Someone from Acme Heating will call you by 3:45 PM.');
    expect(ack.smsBody).toBe(
      "Acme Heating: Thanks, Sam. We'll call you by 3:45 PM. Reply STOP to opt out.",
    );
  });

  it('uses first names only, and no name at all when the homeowner gave only spaces', () => {
    expect(
      acknowledge(input({ now, homeownerName: '  Samantha  Q. Rivera ', assigneeName: 'Dana' }))
        .message,
    ).toBe('Thanks, Samantha! Dana at Acme Heating will call you by 3:45 PM.');
    const blank = acknowledge(input({ now, homeownerName: '   ' }));
    expect(blank.message).toBe('Thanks! Dana at Acme Heating will call you by 3:45 PM.');
    expect(blank.smsBody).toBe(
      'Acme Heating: Thanks. Dana will call you by 3:45 PM. Reply STOP to opt out.',
    );
  });

  it('rounds the shown time up to the next whole minute, never down', () => {
    expect(acknowledge(input({ now: now + 1 })).message).toContain('by 3:46 PM.');
    expect(acknowledge(input({ now: now + 30_000 })).message).toContain('by 3:46 PM.');
    expect(acknowledge(input({ now: now + 59_999 })).message).toContain('by 3:46 PM.');
    expect(acknowledge(input({ now: now + 60_000 })).message).toContain('by 3:46 PM.');
    expect(acknowledge(input({ now: now + 60_001 })).message).toContain('by 3:47 PM.');
    // The promise itself stays exact; only the wording rounds.
    expect(acknowledge(input({ now: now + 1 })).respondBy).toBe(now + 1 + 5 * MINUTE);
  });

  it('writes noon and the hour after it as 12:xx PM and 1:xx PM', () => {
    expect(acknowledge(input({ now: t('2026-03-10T11:55:00-04:00') })).message).toContain(
      'by 12:00 PM.',
    );
    expect(
      acknowledge(input({ now: t('2026-03-10T12:58:00-04:00'), responseMinutes: 10 })).message,
    ).toContain('by 1:08 PM.');
  });

  it('keeps the promise when the response window runs past closing time', () => {
    const ack = acknowledge(input({ now: t('2026-03-10T16:58:00-04:00') }));
    expect(ack.message).toBe('Thanks, Sam! Dana at Acme Heating will call you by 5:03 PM.');
    expect(ack.afterHours).toBe(false);
  });

  it('treats a site with no hours as always open: the team is alerted now', () => {
    const sunday3am = t('2026-03-15T03:00:00-04:00');
    const ack = acknowledge(input({ now: sunday3am, hours: {}, assigneeName: undefined }));
    expect(ack).toEqual({
      message: 'Thanks, Sam! Someone from Acme Heating will call you by 3:05 AM.',
      smsBody: "Acme Heating: Thanks, Sam. We'll call you by 3:05 AM. Reply STOP to opt out.",
      respondBy: sunday3am + 5 * MINUTE,
      clockStartsAt: sunday3am,
      afterHours: false,
    });
  });

  it('treats an urgent lead during hours like any other open-hours lead', () => {
    const ack = acknowledge(input({ now, urgent: true }));
    expect(ack.message).toBe('Thanks, Sam! Dana at Acme Heating will call you by 3:45 PM.');
    expect(ack.afterHours).toBe(false);
    expect(ack.clockStartsAt).toBe(now);
  });
});

describe('acknowledge while closed', () => {
  it('evening: promises first thing tomorrow and starts the clock at the opening', () => {
    const now = t('2026-03-10T19:00:00-04:00'); // Tuesday
    const opening = t('2026-03-11T08:00:00-04:00');
    expect(acknowledge(input({ now }))).toEqual({
      message:
        "Thanks, Sam! We're closed right now. We'll call you first thing tomorrow at 8:00 AM.",
      smsBody:
        "Acme Heating: Thanks, Sam. We're closed right now; we'll call you first thing tomorrow at 8:00 AM. Reply STOP to opt out.",
      respondBy: opening + 5 * MINUTE,
      clockStartsAt: opening,
      afterHours: true,
    });
  });

  it('early morning: "today at" the opening', () => {
    const ack = acknowledge(input({ now: t('2026-03-10T06:15:00-04:00') }));
    expect(ack.message).toBe(
      "Thanks, Sam! We're closed right now. We'll call you first thing today at 8:00 AM.",
    );
    expect(ack.clockStartsAt).toBe(t('2026-03-10T08:00:00-04:00'));
  });

  it('just after midnight, the same morning is "today"', () => {
    expect(acknowledge(input({ now: t('2026-03-11T00:05:00-04:00') })).message).toContain(
      'first thing today at 8:00 AM.',
    );
  });

  it('just before midnight, the next morning is "tomorrow"', () => {
    expect(acknowledge(input({ now: t('2026-03-10T23:59:59-04:00') })).message).toContain(
      'first thing tomorrow at 8:00 AM.',
    );
  });

  it('Friday evening → Saturday’s later opening; Saturday afternoon → "on Monday"', () => {
    expect(acknowledge(input({ now: t('2026-03-13T18:00:00-04:00') })).message).toContain(
      'first thing tomorrow at 9:00 AM.',
    );
    const weekend = acknowledge(input({ now: t('2026-03-14T14:00:00-04:00') }));
    expect(weekend.message).toBe(
      "Thanks, Sam! We're closed right now. We'll call you first thing on Monday at 8:00 AM.",
    );
    expect(weekend.clockStartsAt).toBe(t('2026-03-16T08:00:00-04:00'));
  });

  it('says "text" in the closed promise too', () => {
    expect(
      acknowledge(input({ now: t('2026-03-10T19:00:00-04:00'), preferredContact: 'text' })).smsBody,
    ).toBe(
      "Acme Heating: Thanks, Sam. We're closed right now; we'll text you first thing tomorrow at 8:00 AM. Reply STOP to opt out.",
    );
  });

  it('adds the date when the opening is a week away, so "on Monday" is never said on a Monday', () => {
    const mondays: Hours = { mon: { open: '08:00', close: '12:00' } };
    const ack = acknowledge(input({ now: t('2026-03-09T13:00:00-04:00'), hours: mondays }));
    expect(ack.message).toBe(
      "Thanks, Sam! We're closed right now. We'll call you first thing on Monday, March 16 at 8:00 AM.",
    );
  });

  it('shows an opening that is not on the hour exactly', () => {
    const late: Hours = { wed: { open: '07:30', close: '16:00' } };
    expect(
      acknowledge(input({ now: t('2026-03-10T19:00:00-04:00'), hours: late })).message,
    ).toContain('first thing tomorrow at 7:30 AM.');
  });
});

describe('acknowledge an urgent lead after hours', () => {
  it('says plainly the on-call team was alerted and keeps the short promise', () => {
    const now = t('2026-03-10T02:10:00-04:00');
    expect(acknowledge(input({ now, urgent: true }))).toEqual({
      message: "Thanks, Sam! We've alerted our on-call team; Dana will call you by 2:15 AM.",
      smsBody:
        "Acme Heating: Thanks, Sam. We've alerted our on-call team; Dana will call you by 2:15 AM. Reply STOP to opt out.",
      respondBy: now + 5 * MINUTE,
      clockStartsAt: now,
      afterHours: true,
    });
  });

  it('without an assignee, "someone" will call', () => {
    const ack = acknowledge(
      input({ now: t('2026-03-10T02:10:00-04:00'), urgent: true, assigneeName: undefined }),
    );
    expect(ack.message).toBe(
      "Thanks, Sam! We've alerted our on-call team; someone will call you by 2:15 AM.",
    );
  });

  it('crosses midnight into 12:xx AM', () => {
    const ack = acknowledge(input({ now: t('2026-03-10T23:58:00-04:00'), urgent: true }));
    expect(ack.message).toContain('Dana will call you by 12:03 AM.');
  });
});

describe('acknowledge in other time zones', () => {
  // Monday 2026-06-15 16:00 UTC, the same instant for four contractors.
  const now = t('2026-06-15T16:00:00Z');

  it('Los Angeles: 9:00 AM PDT, open', () => {
    expect(acknowledge(input({ now, timeZone: 'America/Los_Angeles' })).message).toBe(
      'Thanks, Sam! Dana at Acme Heating will call you by 9:05 AM.',
    );
  });

  it('New York: 12:00 PM EDT, open', () => {
    expect(acknowledge(input({ now })).message).toContain('by 12:05 PM.');
  });

  it('London: 5:00 PM BST, just closed → tomorrow', () => {
    const ack = acknowledge(input({ now, timeZone: 'Europe/London' }));
    expect(ack.message).toContain('first thing tomorrow at 8:00 AM.');
    expect(ack.clockStartsAt).toBe(t('2026-06-16T08:00:00+01:00'));
  });

  it('Sydney: 2:00 AM AEST Tuesday → today', () => {
    const ack = acknowledge(input({ now, timeZone: 'Australia/Sydney' }));
    expect(ack.message).toContain('first thing today at 8:00 AM.');
    expect(ack.clockStartsAt).toBe(t('2026-06-16T08:00:00+10:00'));
  });
});

describe('acknowledge across DST changes', () => {
  const EVERY_DAY: Hours = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, weekdays]),
  );

  it('spring-forward night (New York): urgent at 1:58 AM EST is answered by 3:03 AM EDT', () => {
    const now = t('2026-03-08T01:58:00-05:00');
    const ack = acknowledge(input({ now, urgent: true }));
    expect(ack.message).toBe(
      "Thanks, Sam! We've alerted our on-call team; Dana will call you by 3:03 AM.",
    );
    expect(ack.respondBy).toBe(t('2026-03-08T03:03:00-04:00'));
  });

  it('spring-forward night (New York): Sunday 8:00 AM EDT opening', () => {
    const ack = acknowledge(input({ now: t('2026-03-07T21:00:00-05:00'), hours: EVERY_DAY }));
    expect(ack.message).toContain('first thing tomorrow at 8:00 AM.');
    expect(ack.clockStartsAt).toBe(t('2026-03-08T08:00:00-04:00'));
  });

  it('an opening inside the gap is shown as the first time after it', () => {
    const gap: Hours = { sun: { open: '02:30', close: '06:00' } };
    const ack = acknowledge(input({ now: t('2026-03-07T22:00:00-05:00'), hours: gap }));
    expect(ack.message).toBe(
      "Thanks, Sam! We're closed right now. We'll call you first thing tomorrow at 3:00 AM.",
    );
    expect(ack.clockStartsAt).toBe(t('2026-03-08T03:00:00-04:00'));
    expect(ack.respondBy).toBe(t('2026-03-08T03:05:00-04:00'));
  });

  it('fall-back night (New York): urgent at 1:58 AM EDT is answered by 1:03 AM EST', () => {
    const now = t('2026-11-01T01:58:00-04:00');
    const ack = acknowledge(input({ now, urgent: true }));
    expect(ack.message).toContain('Dana will call you by 1:03 AM.');
    expect(ack.respondBy).toBe(t('2026-11-01T01:03:00-05:00'));
  });

  it('fall-back night (New York): Sunday 8:00 AM EST opening, 25 hours after Saturday’s', () => {
    const ack = acknowledge(input({ now: t('2026-10-31T20:00:00-04:00'), hours: EVERY_DAY }));
    expect(ack.message).toContain('first thing tomorrow at 8:00 AM.');
    expect(ack.clockStartsAt).toBe(t('2026-11-01T08:00:00-05:00'));
  });

  it('Europe/London spring-forward: Saturday evening → Sunday 8:00 AM BST', () => {
    const ack = acknowledge(
      input({ now: t('2026-03-28T20:00:00Z'), timeZone: 'Europe/London', hours: EVERY_DAY }),
    );
    expect(ack.message).toContain('first thing tomorrow at 8:00 AM.');
    expect(ack.clockStartsAt).toBe(t('2026-03-29T07:00:00Z'));
  });

  it('Australia/Sydney DST end: Saturday evening → Sunday 8:00 AM AEST', () => {
    const ack = acknowledge(
      input({
        now: t('2026-04-04T19:00:00+11:00'),
        timeZone: 'Australia/Sydney',
        hours: EVERY_DAY,
      }),
    );
    expect(ack.message).toContain('first thing tomorrow at 8:00 AM.');
    expect(ack.clockStartsAt).toBe(t('2026-04-05T08:00:00+10:00'));
  });
});

describe('the SMS body', () => {
  const cases: Array<[string, Partial<AckInput> & { now: number }]> = [
    ['open', { now: t('2026-03-10T15:40:00-04:00') }],
    ['closed', { now: t('2026-03-10T19:00:00-04:00') }],
    ['urgent after hours', { now: t('2026-03-10T02:10:00-04:00'), urgent: true }],
  ];
  it.each(cases)('%s: names the business, ends with the opt-out, stays plain ASCII', (_, over) => {
    const { smsBody } = acknowledge(input(over));
    expect(smsBody.startsWith('Acme Heating: ')).toBe(true);
    expect(smsBody.endsWith(' Reply STOP to opt out.')).toBe(true);
    // A single non-GSM character (like ICU's U+202F before "PM") would halve the segment size.
    expect(smsBody).toMatch(/^[\x20-\x7e]+$/);
    expect(smsBody.length).toBeLessThanOrEqual(160);
  });
});
