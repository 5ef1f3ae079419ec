// Everything held about one homeowner, found by phone or email: exported for them, or deleted
// on request; and the retention period after which old leads are purged.

import { textHash } from './ids';
import type { Rows } from './rows';

const DAY = 86_400_000;

export interface HomeownerData {
  leads: Array<{ lead: Record<string, unknown>; timeline: Array<Record<string, unknown>> }>;
  messages: Array<{ at: string; kind: string; channel: string; body: string; status: string }>;
  optedOut: boolean;
}

export class Privacy {
  constructor(
    private readonly sql: SqlStorage,
    private readonly rows: Rows,
  ) {}

  private leadIds(phone: string | null, email: string | null): string[] {
    return this.sql
      .exec<{ id: string }>(
        `SELECT id FROM leads WHERE (? IS NOT NULL AND phone = ?)
           OR (? IS NOT NULL AND lower(json_extract(input, '$.email')) = lower(?)) ORDER BY created_at`,
        phone,
        phone,
        email,
        email,
      )
      .toArray()
      .map((r) => r.id);
  }

  export(phone: string | null, email: string | null): HomeownerData {
    const ids = this.leadIds(phone, email);
    const leads = ids.map((id) => {
      const lead = this.rows.lead(id);
      return {
        lead: lead
          ? {
              id,
              createdAt: new Date(lead.createdAt).toISOString(),
              status: lead.status,
              ...lead.input,
            }
          : { id },
        timeline: this.rows.timeline(id).map((e) => ({
          at: new Date(e.at).toISOString(),
          type: e.type,
          ...(JSON.parse(e.data) as object),
        })),
      };
    });
    const addresses = [phone, email].filter((a): a is string => a !== null);
    const messages = addresses.length
      ? this.sql
          .exec<{
            created_at: number;
            kind: string;
            channel: string;
            body: string;
            status: string;
          }>(
            `SELECT created_at, kind, channel, body, status FROM outbox WHERE to_addr IN (${addresses.map(() => '?').join(', ')}) ORDER BY id`,
            ...addresses,
          )
          .toArray()
          .map((m) => ({
            at: new Date(m.created_at).toISOString(),
            kind: m.kind,
            channel: m.channel,
            body: m.body,
            status: m.status,
          }))
      : [];
    return { leads, messages, optedOut: phone ? this.rows.optedOut(phone) : false };
  }

  /**
   * Deletes the homeowner's leads with their timelines, messages and timers. A STOP is kept:
   * the law asks us to go on honouring it, and it holds nothing but the number.
   */
  delete(phone: string | null, email: string | null, now: number): { leads: number } {
    const ids = this.leadIds(phone, email);
    this.purge(ids);
    const who = phone ?? email ?? '';
    this.rows.addEvent(null, now, 'homeowner_deleted', {
      leads: ids.length,
      subjectHash: textHash(who).slice(0, 16),
    });
    return { leads: ids.length };
  }

  /** Runs the retention purge when it is due and schedules the next one a day later. */
  purgeExpired(retentionDays: number | undefined, now: number): number {
    if (!retentionDays) {
      this.rows.deleteMeta('next_purge_at');
      return 0;
    }
    const due = Number(this.rows.getMeta('next_purge_at') ?? '0');
    if (due > now) return 0;
    const ids = this.sql
      .exec<{ id: string }>('SELECT id FROM leads WHERE created_at < ?', now - retentionDays * DAY)
      .toArray()
      .map((r) => r.id);
    this.purge(ids);
    if (ids.length)
      this.rows.addEvent(null, now, 'retention_purge', { leads: ids.length, retentionDays });
    this.rows.setMeta('next_purge_at', String(now + DAY));
    return ids.length;
  }

  private purge(ids: string[]): void {
    for (const id of ids) {
      for (const table of ['events', 'timers', 'outbox', 'idempotency', 'console_lead_state'])
        this.sql.exec(`DELETE FROM ${table} WHERE lead_id = ?`, id);
      this.sql.exec('DELETE FROM leads WHERE id = ?', id);
    }
  }
}
