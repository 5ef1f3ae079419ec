import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADMIN,
  call,
  createLead,
  leadDetail,
  putSite,
  settledOutbox,
  siteConfig,
} from './fixtures';

afterEach(() => {
  vi.useRealTimers();
});

const homeowners = (site: string, query: string, method = 'GET') =>
  call(`/v1/admin/sites/${site}/homeowners?${query}`, { method, headers: ADMIN });

describe("one homeowner's data", () => {
  it('exports every lead, timeline and message held about them, by phone or email', async () => {
    await putSite('privacy');
    const a = await createLead('privacy', {
      phone: '617-555-0142',
      email: 'zoe@example.com',
      name: 'Zoë',
    });
    const b = await createLead('privacy', {
      phone: '(617) 555 0142',
      email: 'other@example.com',
      name: 'Zoë again',
    });
    const other = await createLead('privacy', {
      phone: '617-555-0177',
      email: 'zoe@example.com',
      name: 'Same email',
    });
    await settledOutbox(a.leadId, 2);
    await settledOutbox(b.leadId, 2);

    const res = await homeowners('privacy', 'phone=%2B16175550142');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const data = (await res.json()) as {
      leads: Array<{ lead: { id: string }; timeline: Array<{ type: string }> }>;
      messages: Array<{ kind: string }>;
      optedOut: boolean;
    };
    expect(data.leads.map((l) => l.lead.id)).toEqual([a.leadId, b.leadId]);
    expect(data.leads[0]?.timeline.map((e) => e.type)).toContain('received');
    expect(data.messages.map((m) => m.kind)).toEqual(['sms-ack', 'sms-ack']);

    const byEmail = (await (await homeowners('privacy', 'email=ZOE@example.com')).json()) as {
      leads: Array<{ lead: { id: string } }>;
    };
    expect(byEmail.leads.map((l) => l.lead.id)).toEqual([a.leadId, other.leadId]);
    expect((await homeowners('privacy', '')).status).toBe(400);
  });

  it('deletes them on request, keeping other homeowners and an audit entry', async () => {
    await putSite('erase');
    const a = await createLead('erase', { phone: '617-555-0142' });
    const keep = await createLead('erase', { phone: '617-555-0177' });
    await settledOutbox(a.leadId, 2);
    const res = await homeowners('erase', 'phone=617-555-0142', 'DELETE');
    expect(await res.json()).toEqual({ deleted: { leads: 1 } });
    expect((await call(`/v1/admin/sites/erase/leads/${a.leadId}`, { headers: ADMIN })).status).toBe(
      404,
    );
    expect((await leadDetail('erase', keep.leadId)).lead.id).toBe(keep.leadId);
    const left = (await (await homeowners('erase', 'phone=617-555-0142')).json()) as {
      leads: unknown[];
      messages: unknown[];
    };
    expect(left).toMatchObject({ leads: [], messages: [] });
    expect((await homeowners('erase', 'phone=617-555-0142', 'PATCH')).status).toBe(404);
  });

  it('purges leads older than the retention period, and only those', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    await putSite('retention', siteConfig({ retentionDays: 30 }));
    const old = await createLead('retention');
    await settledOutbox(old.leadId, 2);
    vi.setSystemTime(t0 + 20 * 86_400_000);
    const recent = await createLead('retention');
    vi.setSystemTime(t0 + 31 * 86_400_000);
    await runDurableObjectAlarm(env.SITE.getByName('retention'));
    expect(
      (await call(`/v1/admin/sites/retention/leads/${old.leadId}`, { headers: ADMIN })).status,
    ).toBe(404);
    expect(
      (await call(`/v1/admin/sites/retention/leads/${recent.leadId}`, { headers: ADMIN })).status,
    ).toBe(200);
  });
});
