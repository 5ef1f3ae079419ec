// What leaves the Site object: plain, serialisable views with ISO times.
import type { LeadInput, LeadStatus, SiteConfig } from '../../shared/schemas';
import { escalationProgress } from '../core/escalation-progress';
import type { EventRow, Lead } from './rows';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const memberName = (config: SiteConfig, id: string | null): string | null =>
  id === null ? null : (config.team.find((m) => m.id === id)?.name ?? id);

export interface TimelineEntry {
  at: string;
  type: string;
  [key: string]: unknown;
}

export interface LeadDetail {
  /** Present when asked for with the current time. */
  escalation?: EscalationView;
  lead: LeadInput & {
    id: string;
    status: LeadStatus;
    createdAt: string;
    assigneeId: string | null;
    assignees: string[];
    ruleId: string | null;
    claimedBy: string | null;
    claimedAt: string | null;
    respondBy: string;
    ackMessage: string;
  };
  timeline: TimelineEntry[];
}

/** Which step a lead's escalation is on and when the next fires, with ISO times. */
export interface EscalationView {
  phase: 'claim' | 'contact' | 'done';
  deadline: string | null;
  currentStep: number | null;
  nextStep: number | null;
  nextAt: string | null;
}

export function escalationView(lead: Lead, now: number): EscalationView {
  const closed = lead.status === 'booked' || lead.status === 'lost' || lead.status === 'spam';
  const p = escalationProgress(
    lead.policy,
    {
      clockStart: lead.clockStartsAt,
      claimedAt: lead.claimedAt,
      contactedAt: lead.contactedAt ?? (lead.status === 'contacted' ? now : null),
    },
    now,
  );
  if (closed || p.phase === 'done')
    return { phase: 'done', deadline: null, currentStep: null, nextStep: null, nextAt: null };
  return {
    phase: p.phase,
    deadline: iso(p.deadline),
    currentStep: p.current?.stepIndex ?? null,
    nextStep: p.next?.stepIndex ?? null,
    nextAt: iso(p.next?.dueAt ?? null),
  };
}

export function leadDetail(
  lead: Lead,
  events: EventRow[],
  _config: SiteConfig,
  now?: number,
): LeadDetail {
  return {
    ...(now === undefined ? {} : { escalation: escalationView(lead, now) }),
    lead: {
      ...lead.input,
      id: lead.id,
      status: lead.status,
      createdAt: iso(lead.createdAt) as string,
      assigneeId: lead.assigneeId,
      assignees: lead.assignees,
      ruleId: lead.ruleId,
      claimedBy: lead.claimedBy,
      claimedAt: iso(lead.claimedAt),
      respondBy: iso(lead.respondBy) as string,
      ackMessage: lead.ackMessage,
    },
    timeline: events.map((e) => ({
      ...(JSON.parse(e.data) as Record<string, unknown>),
      at: iso(e.at) as string,
      type: e.type,
    })),
  };
}

export interface ClaimView {
  siteName: string;
  timeZone: string;
  memberId: string;
  memberName: string | null;
  lead: Pick<
    LeadInput,
    'name' | 'phone' | 'service' | 'zip' | 'message' | 'urgent' | 'preferredContact'
  > & {
    id: string;
    status: LeadStatus;
    createdAt: string;
  };
  claimedBy: string | null;
  claimedByName: string | null;
  claimedAt: string | null;
}

export function claimView(lead: Lead, memberId: string, config: SiteConfig): ClaimView {
  const { name, phone, service, zip, message, urgent, preferredContact } = lead.input;
  return {
    siteName: config.name,
    timeZone: config.timezone,
    memberId,
    memberName: memberName(config, memberId),
    lead: {
      id: lead.id,
      status: lead.status,
      createdAt: iso(lead.createdAt) as string,
      name,
      phone,
      service,
      zip,
      message,
      urgent,
      preferredContact,
    },
    claimedBy: lead.claimedBy,
    claimedByName: memberName(config, lead.claimedBy),
    claimedAt: iso(lead.claimedAt),
  };
}

export type ClaimOutcome =
  | { outcome: 'claimed' | 'yours' | 'taken' | 'closed'; view: ClaimView }
  | { outcome: 'not_found' | 'not_member' };
