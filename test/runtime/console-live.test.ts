// The live queue: a WebSocket to the Site object that sends the whole queue on connect and on
// request, then each lead as it changes.
import { describe, expect, it } from 'vitest';
import type { ConsoleSocketMessage } from '../../shared/schemas';
import { ORIGIN, post, signIn } from './console-fixtures';
import { call, createLead, putSite } from './fixtures';

interface Socket {
  next: (match: (m: ConsoleSocketMessage) => boolean) => Promise<ConsoleSocketMessage>;
  ws: WebSocket;
}

async function connect(cookie: string, origin: string | null = ORIGIN): Promise<Response> {
  const headers: Record<string, string> = { Upgrade: 'websocket', Cookie: cookie };
  if (origin) headers.Origin = origin;
  return call('/v1/console/ws', { headers });
}

function listen(res: Response): Socket {
  const ws = res.webSocket;
  if (!ws) throw new Error(`no WebSocket: ${res.status}`);
  ws.accept();
  const seen: ConsoleSocketMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.addEventListener('message', (e) => {
    if (e.data === 'pong') return; // the heartbeat's answer
    seen.push(JSON.parse(String(e.data)) as ConsoleSocketMessage);
    for (const w of waiters.splice(0)) w();
  });
  const next = async (match: (m: ConsoleSocketMessage) => boolean) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const i = seen.findIndex(match);
      if (i >= 0) return seen.splice(0, i + 1).pop() as ConsoleSocketMessage;
      if (Date.now() > deadline) throw new Error(`no matching message in ${JSON.stringify(seen)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  return { ws, next };
}

describe('the live queue', () => {
  it('syncs on connect, then pushes new leads and claims as they happen', async () => {
    await putSite('live-basic');
    const before = await createLead('live-basic');
    const dana = await signIn('live-basic', 'dana');
    const lee = await signIn('live-basic', 'lee');
    const res = await connect(dana);
    expect(res.status).toBe(101);
    const socket = listen(res);
    const sync = await socket.next((m) => m.type === 'sync');
    expect(sync.type === 'sync' && sync.leads.map((l) => l.id)).toEqual([before.leadId]);

    const { leadId } = await createLead('live-basic', { name: '<b>Pat</b>' });
    const arrived = await socket.next((m) => m.type === 'lead' && m.lead.id === leadId);
    expect(arrived.type === 'lead' && arrived.lead.name).toBe('<b>Pat</b>');

    await post(lee, `/leads/${leadId}/claim`, {});
    const claimed = await socket.next(
      (m) => m.type === 'lead' && m.lead.id === leadId && m.lead.claimedBy === 'lee',
    );
    expect(claimed.type === 'lead' && claimed.lead.claimedByName).toBe('Lee Park');

    socket.ws.send(JSON.stringify({ type: 'sync' }));
    const again = await socket.next((m) => m.type === 'sync');
    expect(again.type === 'sync' && again.leads).toHaveLength(2);
    socket.ws.close();
  });

  it('answers heartbeats and closes the socket of a member who is signed out', async () => {
    await putSite('live-revoke');
    const dana = await signIn('live-revoke', 'dana');
    const owner = await signIn('live-revoke', 'max');
    const socket = listen(await connect(dana));
    await socket.next((m) => m.type === 'sync');
    const pong = new Promise<string>((resolve) =>
      socket.ws.addEventListener('message', (e) => {
        if (e.data === 'pong') resolve(String(e.data));
      }),
    );
    socket.ws.send('ping');
    expect(await pong).toBe('pong');
    const closed = new Promise<number>((resolve) =>
      socket.ws.addEventListener('close', (e) => resolve(e.code)),
    );
    await call('/v1/console/members/dana/sessions', {
      method: 'DELETE',
      headers: { Cookie: owner, 'X-FirstCall': '1', Origin: ORIGIN },
    });
    expect(await closed).toBe(4401);
  });

  it('opens only from the console itself', async () => {
    await putSite('live-origin');
    const dana = await signIn('live-origin', 'dana');
    expect((await connect(dana, 'https://evil.example')).status).toBe(403);
    expect((await connect(dana, null)).status).toBe(403);
    expect((await connect('__Host-fc_session=live-origin.nope')).status).toBe(401);
  });
});
