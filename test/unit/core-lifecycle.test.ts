import { describe, expect, it } from 'vitest';
import type { LeadStatus } from '../../shared/schemas';
import { type LeadEvent, OPEN_STATUSES, transition } from '../../worker/core/lifecycle';

type EventType = LeadEvent['type'];
const STATUSES: LeadStatus[] = [
  'received',
  'alerted',
  'claimed',
  'contacted',
  'booked',
  'lost',
  'spam',
];
const EVENTS: LeadEvent[] = [
  { type: 'alerted' },
  { type: 'claimed', memberId: 'ann' },
  { type: 'contacted' },
  { type: 'booked' },
  { type: 'lost' },
  { type: 'spam' },
];

// Every status × event: [new status, stopTimers], or null for a refused move.
const ALLOWED: Record<LeadStatus, Record<EventType, [LeadStatus, boolean] | null>> = {
  received: {
    alerted: ['alerted', false],
    claimed: ['claimed', true],
    contacted: null,
    booked: null,
    lost: null,
    spam: ['spam', true],
  },
  alerted: {
    alerted: ['alerted', false],
    claimed: ['claimed', true],
    contacted: null,
    booked: null,
    lost: null,
    spam: ['spam', true],
  },
  claimed: {
    alerted: null,
    claimed: null,
    contacted: ['contacted', false],
    booked: ['booked', true],
    lost: ['lost', true],
    spam: ['spam', true],
  },
  contacted: {
    alerted: null,
    claimed: null,
    contacted: null,
    booked: ['booked', true],
    lost: ['lost', true],
    spam: ['spam', true],
  },
  booked: { alerted: null, claimed: null, contacted: null, booked: null, lost: null, spam: null },
  lost: { alerted: null, claimed: null, contacted: null, booked: null, lost: null, spam: null },
  spam: { alerted: null, claimed: null, contacted: null, booked: null, lost: null, spam: null },
};

const PAIRS = STATUSES.flatMap((status) =>
  EVENTS.map((event) => ({ status, event, expected: ALLOWED[status][event.type] })),
);

describe('transition', () => {
  it('covers every status × event pair', () => {
    expect(PAIRS).toHaveLength(42);
  });

  it.each(PAIRS)('$status + $event.type', ({ status, event, expected }) => {
    const result = transition(status, event);
    if (expected) {
      expect(result).toEqual({ ok: true, status: expected[0], stopTimers: expected[1] });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).toMatch(/\w/);
        expect(result.reason).toContain(status);
      }
    }
  });

  it('first claim wins: a second claim is refused and says so', () => {
    const first = transition('alerted', { type: 'claimed', memberId: 'ann' });
    expect(first).toEqual({ ok: true, status: 'claimed', stopTimers: true });
    expect(transition('claimed', { type: 'claimed', memberId: 'bob' })).toEqual({
      ok: false,
      reason: 'lead is already claimed; the first claim wins',
    });
  });

  it('an alert retried on an alerted lead keeps the status and the timers', () => {
    expect(transition('alerted', { type: 'alerted' })).toEqual({
      ok: true,
      status: 'alerted',
      stopTimers: false,
    });
  });

  it('refuses a claim without a member', () => {
    expect(transition('alerted', { type: 'claimed', memberId: ' ' })).toEqual({
      ok: false,
      reason: 'a claim needs a member id',
    });
  });

  it('explains why an unclaimed lead cannot be booked, and why a terminal lead cannot move', () => {
    expect(transition('received', { type: 'booked' })).toEqual({
      ok: false,
      reason: 'lead is received; claim it before marking it booked',
    });
    expect(transition('booked', { type: 'spam' })).toEqual({
      ok: false,
      reason: 'lead is already booked; it cannot be marked spam',
    });
  });

  it('OPEN_STATUSES are the statuses still escalating', () => {
    expect([...OPEN_STATUSES]).toEqual(['received', 'alerted']);
  });
});
