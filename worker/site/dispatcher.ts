// Sends due outbox rows. Each row is leased before the network call, so a concurrent run (the
// request's own dispatch and the alarm) skips it; a crash mid-send lets the lease lapse and the
// row is retried. Delivery is therefore at least once, and the dedupe key travels with it.
import type { Env } from '../env';
import { deliver, PermanentDeliveryError } from '../notify/deliver';
import { maskPhone } from '../phone';
import type { OutboxRow, Rows } from './rows';

const LEASE_MS = 30_000;
const MAX_ATTEMPTS = 8;
const BATCH = 50;

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(300_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export class Dispatcher {
  constructor(
    private readonly rows: Rows,
    private readonly env: Env,
  ) {}

  async dispatchDue(now: number): Promise<void> {
    const due = this.rows.dueOutbox(now, BATCH);
    for (const row of due) this.rows.leaseOutbox(row.id, now + LEASE_MS);
    await Promise.all(due.map((row) => this.send(row)));
  }

  private async send(row: OutboxRow): Promise<void> {
    const site = this.rows.getMeta('site') ?? '';
    try {
      const providerId = await deliver(
        this.env,
        {
          dedupeKey: row.dedupe_key,
          site,
          leadId: row.lead_id,
          kind: row.kind,
          channel: row.channel,
          to: row.to_addr,
          memberId: row.member_id,
          body: row.body,
        },
        Date.now(),
      );
      const at = Date.now();
      this.rows.markSent(row.id, providerId, at);
      this.rows.addEvent(row.lead_id, at, row.kind === 'csr-alert' ? 'alert_sent' : 'ack_sent', {
        memberId: row.member_id,
        channel: row.channel,
        step: row.step,
        providerId,
      });
    } catch (err) {
      const at = Date.now();
      const message = err instanceof Error ? err.message : String(err);
      const attempts = row.attempts + 1;
      const permanent = err instanceof PermanentDeliveryError || attempts >= MAX_ATTEMPTS;
      console.error(
        JSON.stringify({
          msg: 'delivery failed',
          kind: row.kind,
          to: maskPhone(row.to_addr),
          attempts,
          permanent,
          error: message,
        }),
      );
      if (permanent) {
        this.rows.markFailed(row.id, message);
        this.rows.addEvent(row.lead_id, at, 'delivery_failed', {
          memberId: row.member_id,
          channel: row.channel,
          kind: row.kind,
          error: message,
        });
      } else {
        this.rows.markRetry(row.id, message, at + retryDelayMs(attempts, Math.random()));
      }
    }
  }
}
