// The live queue: consoles hold a WebSocket to the Site object, accepted with the Hibernation
// API so an idle object with connected phones costs nothing. A socket gets the whole queue when
// it connects (and whenever it asks), then one small message per lead that changed. Which
// changes a socket has seen is kept in its attachment, the one place that survives hibernation,
// as the id of the newest timeline entry it was sent: every change to a lead writes one.
import type { ConsoleSocketMessage, QueueItem, SiteConfig } from '../../shared/schemas';
import { logError } from '../log';
import type { ConsoleQueue } from './console-queue';

interface Attachment {
  memberId: string;
  session: string;
  cursor: number;
}

export class ConsoleHub {
  constructor(
    private readonly ctx: DurableObjectState,
    private readonly queue: ConsoleQueue,
    private readonly config: () => SiteConfig | null,
  ) {}

  accept(memberId: string, sessionHash: string, now: number): Response {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [`m:${memberId}`, `s:${sessionHash}`]);
    // Heartbeats are answered by the runtime without waking the object.
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    server.serializeAttachment({ memberId, session: sessionHash, cursor: 0 } satisfies Attachment);
    this.sync(server, now);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The client asks for the whole queue again, e.g. when the phone wakes up. */
  message(ws: WebSocket, data: string | ArrayBuffer, now: number): void {
    if (typeof data !== 'string' || data.length > 200) return;
    try {
      if ((JSON.parse(data) as { type?: unknown }).type === 'sync') this.sync(ws, now);
    } catch {
      // Not ours; ignore it.
    }
  }

  private sync(ws: WebSocket, now: number): void {
    const config = this.config();
    const cursor = this.queue.lastEventId();
    const leads = config ? this.queue.queue(config, now) : [];
    this.send(ws, { type: 'sync', at: new Date(now).toISOString(), leads });
    this.setCursor(ws, cursor);
  }

  /**
   * Sends each socket the leads that changed since it last heard. Cheap with nobody connected.
   * It runs on the path that arms the alarm, so it never throws: a console that misses an update
   * resyncs on its next connect, while an alarm left unarmed would cost a CSR an alert.
   */
  broadcast(now: number): void {
    try {
      this.sendChanges(now);
    } catch (err) {
      logError('console broadcast failed', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private sendChanges(now: number): void {
    const sockets = this.ctx.getWebSockets();
    if (sockets.length === 0) return;
    const config = this.config();
    if (!config) return;
    const cursors = sockets.map((ws) => this.attachment(ws)?.cursor ?? 0);
    const changed = this.queue.changedSince(Math.min(...cursors));
    if (changed.length === 0) return;
    const items = new Map<string, QueueItem>();
    const at = new Date(now).toISOString();
    const newest = Math.max(...changed.map((c) => c.last));
    sockets.forEach((ws, i) => {
      const cursor = cursors[i] ?? 0;
      for (const change of changed) {
        if (change.last <= cursor) continue;
        let lead = items.get(change.leadId);
        if (!lead) {
          lead = this.queue.item(change.leadId, config) ?? undefined;
          if (!lead) continue;
          items.set(change.leadId, lead);
        }
        this.send(ws, { type: 'lead', at, lead });
      }
      this.setCursor(ws, newest);
    });
  }

  /** Ends the live queue of a signed-out session, or of everyone signed in as a member. */
  close(tag: string, reason: string): void {
    for (const ws of this.ctx.getWebSockets(tag)) {
      try {
        ws.close(4401, reason);
      } catch {
        // Already closing.
      }
    }
  }

  private attachment(ws: WebSocket): Attachment | null {
    return ws.deserializeAttachment() as Attachment | null;
  }

  private setCursor(ws: WebSocket, cursor: number): void {
    const a = this.attachment(ws);
    if (a) ws.serializeAttachment({ ...a, cursor } satisfies Attachment);
  }

  private send(ws: WebSocket, message: ConsoleSocketMessage): void {
    try {
      ws.send(JSON.stringify(message));
    } catch {
      // A socket that is going away; its close handler tidies up.
    }
  }
}
