import { DurableObject } from 'cloudflare:workers';
import type { Env } from './env';

/**
 * Which site a phone number last heard from. Sites share one Twilio number by default, so an
 * inbound text (a CSR replying "1", a homeowner replying STOP) is routed by its sender: the site
 * that last texted that number.
 */
export class PhoneDirectory extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS contacts (phone TEXT PRIMARY KEY, site TEXT NOT NULL, at INTEGER NOT NULL)',
    );
  }

  remember(phone: string, site: string, at: number): void {
    this.ctx.storage.sql.exec(
      `INSERT INTO contacts (phone, site, at) VALUES (?, ?, ?)
       ON CONFLICT(phone) DO UPDATE SET site = excluded.site, at = excluded.at WHERE excluded.at >= contacts.at`,
      phone,
      site,
      at,
    );
  }

  siteFor(phone: string): string | null {
    const rows = this.ctx.storage.sql
      .exec<{ site: string }>('SELECT site FROM contacts WHERE phone = ?', phone)
      .toArray();
    return rows[0]?.site ?? null;
  }
}
