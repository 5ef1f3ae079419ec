// The console's read side: queue items, a lead's full detail with earlier leads from the same
// phone, and which leads changed since a given timeline entry (what the live queue pushes).
import type {
  ConsoleLeadDetail,
  LeadStatus,
  Outcome,
  QueueItem,
  SiteConfig,
} from '../../shared/schemas';
import type { Lead, Rows } from './rows';
import { escalationView, leadDetail } from './views';

/** Statuses a CSR still has work on; the queue always shows these, however old. */
export const ACTIVE_STATUSES: readonly LeadStatus[] = [
  'received',
  'alerted',
  'claimed',
  'contacted',
];
/** Closed leads stay in the queue's "done" list this long. */
const RECENT_MS = 48 * 3600_000;
const QUEUE_LIMIT = 200;
const PAST_LEADS_LIMIT = 20;

interface LeadStateRow {
  lead_id: string;
  outcome: Outcome | null;
  retry_at: number | null;
  appointment_at: number | null;
  test: number;
}

type Row = Record<string, SqlStorageValue>;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class ConsoleQueue {
  constructor(
    private readonly sql: SqlStorage,
    private readonly rows: Rows,
  ) {}

  private ids(query: string, ...args: SqlStorageValue[]): string[] {
    return this.sql
      .exec<{ id: string }>(query, ...args)
      .toArray()
      .map((r) => r.id);
  }

  /** Loads leads through Rows so the console reads them exactly as the rest of the object does. */
  private leads(ids: string[]): Lead[] {
    return ids.map((id) => this.rows.lead(id)).filter((l): l is Lead => l !== null);
  }

  /** Every active lead and the recently closed ones, newest first. */
  queue(config: SiteConfig, now: number): QueueItem[] {
    const marks = ACTIVE_STATUSES.map(() => '?').join(', ');
    const ids = this.ids(
      `SELECT id, created_at FROM leads WHERE status IN (${marks})
       UNION SELECT id, created_at FROM leads WHERE created_at > ?
       ORDER BY created_at DESC LIMIT ?`,
      ...ACTIVE_STATUSES,
      now - RECENT_MS,
      QUEUE_LIMIT,
    );
    return this.items(this.leads(ids), config, now);
  }

  item(leadId: string, config: SiteConfig): QueueItem | null {
    return this.items(this.leads([leadId]), config)[0] ?? null;
  }

  items(leads: Lead[], config: SiteConfig, now = Date.now()): QueueItem[] {
    const states = new Map<string, LeadStateRow>();
    if (leads.length > 0) {
      const found = this.sql
        .exec<Row>(
          'SELECT * FROM console_lead_state WHERE lead_id IN (SELECT value FROM json_each(?))',
          JSON.stringify(leads.map((l) => l.id)),
        )
        .toArray() as unknown as LeadStateRow[];
      for (const s of found) states.set(s.lead_id, s);
    }
    const name = (id: string | null) =>
      id === null ? null : (config.team.find((m) => m.id === id)?.name ?? id);
    return leads.map((lead) => {
      const state = states.get(lead.id);
      const escalation = escalationView(lead, now);
      return {
        ...(escalation.phase === 'done'
          ? {}
          : { escalation: { ...escalation, phase: escalation.phase } }),
        id: lead.id,
        name: lead.input.name,
        phone: lead.input.phone,
        service: lead.input.service ?? null,
        zip: lead.input.zip ?? null,
        urgent: lead.input.urgent ?? false,
        status: lead.status,
        createdAt: iso(lead.createdAt) as string,
        respondBy: iso(lead.respondBy) as string,
        assigneeId: lead.assigneeId,
        assigneeName: name(lead.assigneeId),
        claimedBy: lead.claimedBy,
        claimedByName: name(lead.claimedBy),
        claimedAt: iso(lead.claimedAt),
        outcome: state?.outcome ?? null,
        // A retry only matters while the lead is still being worked.
        retryAt: ACTIVE_STATUSES.includes(lead.status) ? iso(state?.retry_at ?? null) : null,
        appointmentAt: iso(state?.appointment_at ?? null),
        test: state?.test === 1,
      };
    });
  }

  detail(leadId: string, config: SiteConfig): ConsoleLeadDetail | null {
    const lead = this.rows.lead(leadId);
    if (!lead) return null;
    const [item] = this.items([lead], config);
    if (!item) return null;
    const past = this.ids(
      'SELECT id FROM leads WHERE phone = ? AND id != ? ORDER BY created_at DESC LIMIT ?',
      lead.input.phone,
      lead.id,
      PAST_LEADS_LIMIT,
    );
    const { timeline } = leadDetail(lead, this.rows.timeline(leadId), config);
    return {
      item,
      input: lead.input,
      ackMessage: lead.ackMessage,
      timeline,
      pastLeads: this.items(this.leads(past), config),
      memberNames: Object.fromEntries(config.team.map((m) => [m.id, m.name])),
    };
  }

  lastEventId(): number {
    return (
      this.sql.exec<{ id: number | null }>('SELECT MAX(id) AS id FROM events').toArray()[0]?.id ?? 0
    );
  }

  /** Leads with timeline entries after `cursor`, each with its newest entry's id. */
  changedSince(cursor: number): Array<{ leadId: string; last: number }> {
    return this.sql
      .exec<{ lead_id: string; last: number }>(
        `SELECT lead_id, MAX(id) AS last FROM events WHERE id > ? AND lead_id IS NOT NULL
         GROUP BY lead_id ORDER BY last LIMIT 500`,
        cursor,
      )
      .toArray()
      .map((r) => ({ leadId: r.lead_id, last: r.last }));
  }
}
