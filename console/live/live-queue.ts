// The console's live queue: one WebSocket to the site, the whole queue on every (re)connect and
// whenever the page becomes visible again (a phone waking from sleep may have missed anything,
// and its socket may be silently dead), then one message per changed lead. A heartbeat catches
// dead sockets; reconnects back off with jitter. Framework-free, so it is easy to reason about.
import type { ConsoleSocketMessage, QueueItem } from '../../shared/schemas';

export type Connection = 'connecting' | 'live' | 'offline';

export interface LiveSnapshot {
  leads: ReadonlyMap<string, QueueItem>;
  connection: Connection;
  /** Server clock minus this device's clock, from the last message: countdowns use it. */
  skewMs: number;
  /** True once the first full queue has arrived. */
  ready: boolean;
}

const HEARTBEAT_MS = 25_000;
const HEARTBEAT_TIMEOUT_MS = 10_000;
/** A socket silent for this long while the page was hidden is treated as dead on return. */
const STALE_MS = 30_000;
const OPEN: readonly string[] = ['received', 'alerted'];

export class LiveQueue {
  private ws: WebSocket | null = null;
  private leads = new Map<string, QueueItem>();
  private known = new Set<string>();
  private connection: Connection = 'connecting';
  private skewMs = 0;
  private ready = false;
  private attempts = 0;
  private lastHeard = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    private readonly onChange: (snapshot: LiveSnapshot) => void,
    /** A lead this device had not seen before that is waiting for someone. */
    private readonly onArrival: (lead: QueueItem) => void,
    private readonly onSignedOut: () => void,
    /** Asks the API whether the session still stands (it reports a 401 itself). */
    private readonly checkSession: () => void,
  ) {}

  start(): void {
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('pageshow', this.onVisible);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('pageshow', this.onVisible);
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    this.ws?.close(1000, 'bye');
  }

  /** An item the API just returned (after a claim or an outcome): shown at once. */
  apply(item: QueueItem): void {
    this.known.add(item.id);
    this.leads.set(item.id, item);
    this.emit();
  }

  snapshot(): LiveSnapshot {
    return {
      leads: this.leads,
      connection: this.connection,
      skewMs: this.skewMs,
      ready: this.ready,
    };
  }

  private emit(): void {
    this.leads = new Map(this.leads);
    this.onChange(this.snapshot());
  }

  private setConnection(c: Connection): void {
    if (this.connection === c) return;
    this.connection = c;
    this.emit();
  }

  private connect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.ws?.close();
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/console/ws`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      // Refused before it started (a policy, a browser limit): try again later, like a drop.
      this.ws = null;
      this.setConnection('offline');
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.lastHeard = Date.now();
      this.startHeartbeat();
    };
    ws.onmessage = (event) => {
      this.lastHeard = Date.now();
      if (event.data === 'pong') return;
      this.handle(JSON.parse(String(event.data)) as ConsoleSocketMessage);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      clearInterval(this.heartbeatTimer);
      this.ws = null;
      if (event.code === 4401) {
        this.onSignedOut();
        return;
      }
      this.setConnection('offline');
      // A handshake refused for a lapsed session looks like any network failure from here.
      if (this.attempts === 1) this.checkSession();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const base = Math.min(15_000, 1000 * 2 ** this.attempts);
    this.attempts++;
    this.reconnectTimer = setTimeout(() => this.connect(), base / 2 + (Math.random() * base) / 2);
  }

  private startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => {
      const ws = this.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      const sentAt = Date.now();
      ws.send('ping');
      setTimeout(() => {
        if (this.ws === ws && this.lastHeard < sentAt) this.connect();
      }, HEARTBEAT_TIMEOUT_MS);
    }, HEARTBEAT_MS);
  }

  private handle(message: ConsoleSocketMessage): void {
    this.skewMs = Date.parse(message.at) - Date.now();
    if (message.type === 'sync') {
      const arrivals = this.ready
        ? message.leads.filter((l) => !this.known.has(l.id) && OPEN.includes(l.status))
        : [];
      this.leads = new Map(message.leads.map((l) => [l.id, l]));
      for (const l of message.leads) this.known.add(l.id);
      this.ready = true;
      this.connection = 'live';
      this.emit();
      for (const lead of arrivals) this.onArrival(lead);
      return;
    }
    const isNew = !this.known.has(message.lead.id);
    this.known.add(message.lead.id);
    this.leads.set(message.lead.id, message.lead);
    this.emit();
    if (isNew && OPEN.includes(message.lead.status)) this.onArrival(message.lead);
  }

  /** Back on screen: ask for the whole queue, or reconnect if the socket went quiet. */
  private readonly onVisible = (): void => {
    if (document.visibilityState !== 'visible' || this.stopped) return;
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || Date.now() - this.lastHeard > STALE_MS) {
      this.attempts = 0;
      this.connect();
      return;
    }
    ws.send(JSON.stringify({ type: 'sync' }));
    ws.send('ping');
  };

  private readonly onOnline = (): void => {
    this.attempts = 0;
    this.connect();
  };
}
