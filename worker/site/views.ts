// What leaves the Site object: plain, serialisable views with ISO times.
import type { LeadInput, LeadStatus, SiteConfig } from '../../shared/schemas';
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
  lead: LeadInput & {
    id: string;
    status: LeadStatus;
    createdAt: string;
    assigneeId: string | null;
    claimedBy: string | null;
    claimedAt: string | null;
    respondBy: string;
    ackMessage: string;
  };
  timeline: TimelineEntry[];
}

export function leadDetail(lead: Lead, events: EventRow[], _config: SiteConfig): LeadDetail {
  return {
    lead: {
      ...lead.input,
      id: lead.id,
      status: lead.status,
      createdAt: iso(lead.createdAt) as string,
      assigneeId: lead.assigneeId,
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
