// Sends due outbox rows. Each row is leased before the network call, so a concurrent run (the
// request's own dispatch and the alarm) skips it; a crash mid-send lets the lease lapse and the
// row is retried. Delivery is therefore at least once; the dedupe key travels with every send
// (Twilio's idempotency token, the webhook id, the email Idempotency-Key) so providers drop repeats.

import { quietHoursRelease } from '../core/quiet-hours';
import type { Env } from '../env';
import { logError } from '../log';
import { deliver, type OutgoingMessage } from '../notify/deliver';
import { PermanentDeliveryError, RetryableDeliveryError } from '../notify/errors';
import type { MemberAlerts } from './member-alerts';
import { Outages } from './outages';
import type { OutboxRow, Rows } from './rows';

const LEASE_MS = 30_000;
/** Texts sent within this long of the lead are a reply to it, whatever the hour. */
const PROMPT_REPLY_MS = 10 * 60_000;
// Retryable failures are retried for a day: an alert for a lead still waiting is worth sending
// late, and a provider outage must not turn into lost alerts.
const MAX_AGE_MS = 24 * 3600_000;
const MAX_RETRY_AFTER_MS = 3600_000;
const BATCH = 50;

/** Exponential backoff with full jitter: 1-2 s, 2-4 s, 4-8 s … capped at 5 minutes. */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(300_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export class Dispatcher {
  constructor(
    private readonly rows: Rows,
    private readonly env: Env,
    private readonly alerts: MemberAlerts,
    private readonly transaction: (fn: () => void) => void,
  ) {
    this.outages = new Outages(rows);
  }

  private readonly outages: Outages;

  /**
   * Sends what is due, most urgent first: all urgent messages go out before any other, since the
   * order in which providers receive them is the order in which phones ring.
   */
  async dispatchDue(now: number): Promise<void> {
    const due = this.outages.select(this.rows.dueOutbox(now, BATCH), now);
    for (const row of due) this.rows.leaseOutbox(row.id, now + LEASE_MS);
    const urgent = due.filter((r) => r.urgent === 1);
    const rest = due.filter((r) => r.urgent !== 1);
    await Promise.all(urgent.map((row) => this.send(row)));
    await Promise.all(rest.map((row) => this.send(row)));
  }

  private message(row: OutboxRow): OutgoingMessage | null {
    const config = this.rows.config();
    const msg: OutgoingMessage = {
      outboxId: row.id,
      dedupeKey: row.dedupe_key,
      site: this.rows.getMeta('site') ?? '',
      leadId: row.lead_id,
      kind: row.kind,
      channel: row.channel,
      to: row.to_addr,
      memberId: row.member_id,
      body: row.body,
      urgent: row.urgent === 1,
      origin: this.env.PUBLIC_ORIGIN ?? this.rows.getMeta('origin') ?? '',
    };
    if (row.channel === 'push') {
      const sub = this.rows.pushSubscription(row.to_addr);
      if (sub) msg.push = { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } };
    }
    if (row.channel === 'webhook') {
      const endpoint = config?.webhooks.find((w) => w.id === row.to_addr);
      if (endpoint) msg.webhook = { url: endpoint.url, secret: endpoint.secret };
    }
    return msg;
  }

  private async send(row: OutboxRow): Promise<void> {
    // A homeowner who texted STOP gets nothing more, whatever was queued before.
    if (row.kind === 'sms-ack' && this.rows.optedOut(row.to_addr)) {
      this.transaction(() => {
        this.rows.markSuppressed(row.id, 'opted out');
        this.rows.addEvent(row.lead_id, Date.now(), 'ack_suppressed', { reason: 'opted_out' });
      });
      return;
    }
    // A prompt reply to a form the homeowner just sent is expected at any hour; a routine text
    // that is late (a provider outage, a retry) waits for the morning instead of waking them.
    const now = Date.now();
    if (row.kind === 'sms-ack' && row.urgent !== 1 && now - row.created_at > PROMPT_REPLY_MS) {
      const timeZone = this.rows.config()?.timezone;
      const release = timeZone ? quietHoursRelease(timeZone, now) : now;
      if (release > now) {
        this.transaction(() => {
          this.rows.markRetry(row.id, 'held for quiet hours', release);
          this.rows.addEvent(row.lead_id, now, 'ack_held', {
            until: new Date(release).toISOString(),
            reason: 'quiet_hours',
          });
        });
        return;
      }
    }
    const msg = this.message(row);
    if (!msg) return;
    try {
      const providerId = await deliver(this.env, msg, Date.now());
      const at = Date.now();
      this.transaction(() => {
        this.rows.markSent(row.id, providerId, at);
        this.outages.succeeded(row, at);
        this.rows.addEvent(row.lead_id, at, sentEvent(row), {
          memberId: row.member_id,
          channel: row.channel,
          step: row.step,
          providerId,
        });
      });
    } catch (err) {
      this.failed(row, err);
    }
  }

  private failed(row: OutboxRow, err: unknown): void {
    const at = Date.now();
    const message = err instanceof Error ? err.message : String(err);
    const attempts = row.attempts + 1;
    // Unknown errors are retried: a lost alert costs more than a few extra attempts.
    const permanent = err instanceof PermanentDeliveryError || at - row.created_at > MAX_AGE_MS;
    const reason =
      err instanceof PermanentDeliveryError ? err.reason : permanent ? 'gave_up' : 'retrying';
    logError('delivery failed', {
      kind: row.kind,
      channel: row.channel,
      to: row.to_addr,
      attempts,
      permanent,
      error: message,
    });
    this.transaction(() => {
      if (!permanent) {
        const wait =
          err instanceof RetryableDeliveryError && err.retryAfterMs !== undefined
            ? Math.min(err.retryAfterMs, MAX_RETRY_AFTER_MS)
            : retryDelayMs(attempts, Math.random());
        this.rows.markRetry(row.id, message, at + wait);
        this.outages.failed(row, at + wait);
        return;
      }
      this.rows.markFailed(row.id, message);
      this.rows.addEvent(row.lead_id, at, 'delivery_failed', {
        memberId: row.member_id,
        channel: row.channel,
        kind: row.kind,
        reason,
        error: message,
      });
      if (row.channel === 'push' && reason === 'gone') {
        this.rows.deletePushSubscription(row.to_addr);
        this.rows.addEvent(row.lead_id, at, 'push_subscription_removed', {
          memberId: row.member_id,
        });
      }
      if (row.kind === 'csr-alert' && row.member_id && row.firing !== null && row.rule !== null) {
        this.alerts.handOver(
          row.lead_id,
          row.phase,
          row.firing,
          row.member_id,
          row.rule,
          at,
          `${row.channel} failed: ${reason}`,
        );
      }
    });
  }
}

const sentEvent = (row: OutboxRow): string => {
  if (row.kind === 'csr-alert') return 'alert_sent';
  if (row.kind === 'sms-ack') return 'ack_sent';
  return `${row.kind.replace(/-/g, '_')}_sent`;
};
