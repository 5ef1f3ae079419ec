// A member of one site never reaches another site's leads, settings or team, whatever they try.
import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../shared/schemas';
import { api, json, ORIGIN, post, signIn } from './console-fixtures';
import { call, createLead, leadDetail, putSite } from './fixtures';

describe('console isolation between sites', () => {
  it('keeps a session of site A away from everything of site B', async () => {
    await putSite('iso-a');
    await putSite('iso-b');
    const a = await signIn('iso-a', 'max');
    const aLead = await createLead('iso-a');
    const bLead = await createLead('iso-b', { name: 'Only B' });

    const queue = (await json<{ leads: QueueItem[] }>(api(a, '/queue'))).leads;
    expect(queue.map((l) => l.id)).toEqual([aLead.leadId]);
    expect(JSON.stringify(queue)).not.toContain('Only B');

    const id = bLead.leadId;
    const attempts: Array<[string, string, unknown]> = [
      ['GET', `/leads/${id}`, undefined],
      ['POST', `/leads/${id}/claim`, {}],
      ['POST', `/leads/${id}/outcome`, { outcome: 'spam' }],
      ['POST', `/leads/${id}/notes`, { text: 'hello' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api(a, path, { method, body: body ? JSON.stringify(body) : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const b = await leadDetail('iso-b', id);
    expect(b.lead.status).not.toBe('spam');
    expect(b.timeline.some((e) => e.type === 'note' || e.type === 'claimed')).toBe(false);
  });

  it('does not let a cookie be pointed at another site', async () => {
    await putSite('iso-c');
    await putSite('iso-d');
    const c = await signIn('iso-c', 'max');
    const moved = c.replace('=iso-c.', '=iso-d.');
    for (const path of ['/me', '/queue', '/config']) {
      const res = await call(`/v1/console${path}`, { headers: { Cookie: moved, Origin: ORIGIN } });
      expect(res.status, path).toBe(401);
    }
    // Invites name their site: an owner of C cannot invite into D by naming D's members.
    const invite = await post(c, '/invites', { memberId: 'nobody' });
    expect(invite.status).toBe(404);
  });
});
