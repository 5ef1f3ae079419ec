// The lead's status machine. Every move is checked here so the shell never writes an illegal
// status, and a repeated event (alarms and webhooks are at-least-once) gets a clear answer.
import type { LeadStatus } from '../../shared/schemas';

export type LeadEvent =
  | { type: 'alerted' } // first alert queued
  | { type: 'claimed'; memberId: string }
  | { type: 'contacted' }
  | { type: 'booked' }
  | { type: 'lost' }
  | { type: 'spam' };

export type TransitionResult =
  | { ok: true; status: LeadStatus; stopTimers: boolean }
  | { ok: false; reason: string };

/** Still escalating: nobody has claimed the lead yet. */
export const OPEN_STATUSES: readonly LeadStatus[] = ['received', 'alerted'];
/** Nothing moves a lead out of these. */
export const TERMINAL_STATUSES: readonly LeadStatus[] = ['booked', 'lost', 'spam'];

const ok = (from: LeadStatus, to: LeadStatus): TransitionResult => ({
  ok: true,
  status: to,
  // Escalation stops once someone owns the lead, and nothing is left to time on a closed one.
  stopTimers:
    (OPEN_STATUSES.includes(from) && !OPEN_STATUSES.includes(to)) || TERMINAL_STATUSES.includes(to),
});
const refuse = (reason: string): TransitionResult => ({ ok: false, reason });

export function transition(status: LeadStatus, event: LeadEvent): TransitionResult {
  if (TERMINAL_STATUSES.includes(status)) {
    return refuse(`lead is already ${status}; it cannot be marked ${event.type}`);
  }
  const open = OPEN_STATUSES.includes(status);
  switch (event.type) {
    case 'alerted':
      // A retried alert on an alerted lead is harmless: the status stays.
      if (open) return ok(status, 'alerted');
      return refuse(`lead is already ${status}; it no longer needs alerting`);
    case 'claimed':
      if (event.memberId.trim() === '') return refuse('a claim needs a member id');
      if (open) return ok(status, 'claimed');
      return refuse(`lead is already ${status}; the first claim wins`);
    case 'contacted':
      if (status === 'claimed') return ok(status, 'contacted');
      if (status === 'contacted') return refuse('lead is already contacted');
      return refuse(`lead is ${status}; claim it before marking it contacted`);
    case 'booked':
    case 'lost':
      if (status === 'claimed' || status === 'contacted') return ok(status, event.type);
      return refuse(`lead is ${status}; claim it before marking it ${event.type}`);
    case 'spam':
      return ok(status, 'spam');
  }
}
