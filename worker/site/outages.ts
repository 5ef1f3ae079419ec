// When a provider fails with a retryable error, everything waiting on it is held and only one
// message (the most urgent, oldest) probes whether it is back; the first success releases the
// rest at once. So an outage costs one request per backoff step, not one per message, and when
// the provider returns, the most urgent alerts go first.
import type { OutboxRow, Rows } from './rows';

const PREFIX = 'outage:';

export interface Provider {
  key: string;
  channels: string[];
  toAddr: string | null;
}

/** The provider a row waits on; push is left out, since subscriptions live on many services. */
export function providerOf(row: Pick<OutboxRow, 'channel' | 'to_addr'>): Provider | null {
  switch (row.channel) {
    case 'sms':
    case 'voice':
      return { key: 'twilio', channels: ['sms', 'voice'], toAddr: null };
    case 'email':
      return { key: 'email', channels: ['email'], toAddr: null };
    case 'webhook':
      return { key: `webhook:${row.to_addr}`, channels: ['webhook'], toAddr: row.to_addr };
    default:
      return null;
  }
}

export class Outages {
  constructor(private readonly rows: Rows) {}

  /** Providers currently held, with the time of their next probe. */
  active(): Map<string, number> {
    return new Map(
      this.rows.metaWithPrefix(PREFIX).map((m) => [m.key.slice(PREFIX.length), Number(m.value)]),
    );
  }

  /** Picks the messages to send now: due ones of healthy providers, one probe per held provider. */
  select(due: OutboxRow[], now: number): OutboxRow[] {
    const held = this.active();
    const picked = due.filter((row) => {
      const p = providerOf(row);
      return !p || !held.has(p.key);
    });
    for (const [key, probeAt] of held) {
      const provider = providerFromKey(key);
      if (!provider) continue;
      if (probeAt > now) {
        // Messages queued since the outage began wait for the probe too, so the alarm does not
        // wake for rows it would only hold back again.
        this.rows.holdProvider(provider.channels, provider.toAddr, probeAt);
        continue;
      }
      const probe = this.rows.probeRow(provider.channels, provider.toAddr, now);
      if (probe && !picked.some((r) => r.id === probe.id)) picked.push(probe);
    }
    return picked.sort((a, b) => b.urgent - a.urgent || a.id - b.id);
  }

  failed(row: OutboxRow, probeAt: number): void {
    const p = providerOf(row);
    if (!p) return;
    this.rows.setMeta(PREFIX + p.key, String(probeAt));
    this.rows.holdProvider(p.channels, p.toAddr, probeAt);
  }

  succeeded(row: OutboxRow, now: number): void {
    const p = providerOf(row);
    if (!p || !this.active().has(p.key)) return;
    this.rows.deleteMeta(PREFIX + p.key);
    this.rows.holdProvider(p.channels, p.toAddr, now, true);
  }
}

function providerFromKey(key: string): Provider | null {
  if (key === 'twilio') return { key, channels: ['sms', 'voice'], toAddr: null };
  if (key === 'email') return { key, channels: ['email'], toAddr: null };
  if (key.startsWith('webhook:'))
    return { key, channels: ['webhook'], toAddr: key.slice('webhook:'.length) };
  return null;
}
