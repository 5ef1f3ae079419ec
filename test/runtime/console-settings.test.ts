// Owners set the site up from the console: settings, team, escalation, invites, duty, tests.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleConfigView, ConsoleMe, InviteCreated, QueueItem } from '../../shared/schemas';
import { api, json, post, redeem, signIn } from './console-fixtures';
import { createLead, leadDetail, outbox, putSite, settledOutbox, siteConfig } from './fixtures';

const patch = (cookie: string, body: unknown) =>
  api(cookie, '/config', { method: 'PATCH', body: JSON.stringify(body) });

const SUBSCRIPTION = {
  endpoint: 'https://push.example/send/abc',
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'AAAAAAAAAAAAAAAAAAAAAA' },
};

describe('site settings from the console', () => {
  it('shows the config without webhook secrets, with the embed snippet', async () => {
    await putSite(
      'set-view',
      siteConfig({
        webhooks: [
          { id: 'crm', url: 'https://crm.example/hook', secret: `whsec_${'A'.repeat(32)}` },
        ],
      }),
    );
    const owner = await signIn('set-view', 'max');
    const view = await json<ConsoleConfigView>(api(owner, '/config'));
    expect(view.config.webhooks).toEqual([{ id: 'crm', url: 'https://crm.example/hook' }]);
    expect(JSON.stringify(view)).not.toContain('whsec_');
    expect(view.embedSnippet).toBe(
      '<script src="https://leads.test/widget.js" data-site="set-view" async></script>',
    );
    expect((await patch(owner, { webhooks: [] })).status).toBe(400);
  });

  it('validates with the shared schema and stores phones in E.164', async () => {
    await putSite('set-validate');
    const owner = await signIn('set-validate', 'max');
    const bad = await patch(owner, {
      brandColor: 'red',
      escalation: { steps: [{ afterSeconds: 60, notify: ['ghost'] }] },
    });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields)).toEqual(
      expect.arrayContaining(['brandColor', 'escalation.steps.0.notify.0']),
    );
    const badPhone = await patch(owner, { phone: '12' });
    expect(((await badPhone.json()) as { error: { fields: object } }).error.fields).toHaveProperty(
      'phone',
    );
    const ok = await json<ConsoleConfigView>(
      patch(owner, { name: 'Acme HVAC', phone: '(617) 555-0177', launcherText: 'Get a quote' }),
    );
    expect(ok.config).toMatchObject({
      name: 'Acme HVAC',
      phone: '+16175550177',
      launcherText: 'Get a quote',
    });
    const pub = await (await env.SITE.getByName('set-validate').publicConfig(Date.now(), ''))?.name;
    expect(pub).toBe('Acme HVAC');
  });

  it('applies edited escalation steps to the next lead, not to one in flight', async () => {
    await putSite('set-escalation');
    const owner = await signIn('set-escalation', 'max');
    const before = await createLead('set-escalation');
    const escalation = { steps: [{ afterSeconds: 0, notify: ['max'] }], repeat: 0 };
    await json(patch(owner, { escalation }));
    const after = await createLead('set-escalation', { phone: '617-555-0123' });
    const alerted = async (leadId: string) =>
      (await settledOutbox(leadId, 1)).filter((e) => e.kind === 'csr-alert').map((e) => e.memberId);
    expect(await alerted(before.leadId)).toEqual(['dana']);
    expect(await alerted(after.leadId)).toEqual(['max']);
  });

  it('keeps an owner on the team, and owners out of managers reach', async () => {
    await putSite(
      'set-team',
      siteConfig({
        team: [
          ...(siteConfig().team ?? []),
          { id: 'mo', name: 'Mo Manager', phone: '617-555-0104', role: 'manager' },
        ],
      }),
    );
    const owner = await signIn('set-team', 'max');
    const manager = await signIn('set-team', 'mo');
    const team = siteConfig().team ?? [];
    const withMo = [
      ...team,
      { id: 'mo', name: 'Mo Manager', phone: '617-555-0104', role: 'manager' },
    ];
    const noMax = { steps: [{ afterSeconds: 0, notify: ['assignee'] }], repeat: 0 };
    const removed = await patch(owner, {
      team: withMo.filter((m) => m.id !== 'max'),
      escalation: noMax,
    });
    expect(removed.status).toBe(403);
    expect(await removed.text()).toContain('at least one owner');
    expect(
      (
        await patch(owner, {
          team: withMo.map((m) => (m.id === 'max' ? { ...m, role: 'csr' } : m)),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await patch(manager, {
          team: withMo.map((m) => (m.id === 'lee' ? { ...m, role: 'owner' } : m)),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await patch(manager, {
          team: withMo.map((m) => (m.id === 'max' ? { ...m, phone: '617-555-0199' } : m)),
        })
      ).status,
    ).toBe(403);
    // A manager edits CSRs freely, including their notification rules.
    const edited = await json<ConsoleConfigView>(
      patch(manager, {
        team: withMo.map((m) =>
          m.id === 'lee'
            ? { ...m, name: 'Lee P.', notify: [{ channel: 'sms', afterSeconds: 0 }] }
            : m,
        ),
      }),
    );
    expect(edited.config.team.find((m) => m.id === 'lee')).toMatchObject({
      name: 'Lee P.',
      notify: [{ channel: 'sms', afterSeconds: 0, urgentOnly: false, ifUnopened: true }],
    });
    expect((await post(manager, '/invites', { memberId: 'max' })).status).toBe(403);
  });
});

describe('team tools', () => {
  it('sends an invite link by text through the outbox', async () => {
    await putSite('set-invite');
    const owner = await signIn('set-invite', 'max');
    const created = await json<InviteCreated>(post(owner, '/invites', { memberId: 'lee' }), 201);
    expect(created.sentVia).toBe('sms');
    let sms: Awaited<ReturnType<typeof outbox>>[number] | undefined;
    for (let i = 0; i < 100 && !sms; i++) {
      sms = (await outbox()).find((e) => e.kind === 'invite' && e.body.includes(created.url));
      if (!sms) await new Promise((r) => setTimeout(r, 10));
    }
    expect(sms).toMatchObject({ site: 'set-invite', channel: 'sms', to: '+16175550102' });
    expect(sms?.body).toContain('Max Owens invited you');
    const token = created.url.split('#')[1] ?? '';
    const me = await json<ConsoleMe>(redeem(token));
    expect(me.member.id).toBe('lee');
    expect((await post(owner, '/invites', { memberId: 'lee', send: 'email' })).status).toBe(400);
  });

  it('lets a member go off duty, which routing can read', async () => {
    await putSite('set-duty');
    const dana = await signIn('set-duty', 'dana');
    const off = await json<ConsoleMe>(
      api(dana, '/duty', { method: 'PUT', body: JSON.stringify({ onDuty: false }) }),
    );
    expect(off.onDuty).toBe(false);
    expect(await env.SITE.getByName('set-duty').offDutyMembers()).toEqual(['dana']);
    await api(dana, '/duty', { method: 'PUT', body: JSON.stringify({ onDuty: true }) });
    expect(await env.SITE.getByName('set-duty').offDutyMembers()).toEqual([]);
  });

  it('subscribes this device to push and sends it a test notification', async () => {
    await putSite('set-push');
    const dana = await signIn('set-push', 'dana');
    expect((await post(dana, '/push-subscriptions/test', {})).status).toBe(409);
    const { id } = await json<{ id: string }>(post(dana, '/push-subscriptions', SUBSCRIPTION), 201);
    expect(await json<{ queued: number }>(post(dana, '/push-subscriptions/test', {}), 202)).toEqual(
      {
        queued: 1,
      },
    );
    let test: Awaited<ReturnType<typeof outbox>>[number] | undefined;
    for (let i = 0; i < 100 && !test; i++) {
      test = (await outbox()).find((e) => e.site === 'set-push' && e.kind === 'test-push');
      if (!test) await new Promise((r) => setTimeout(r, 10));
    }
    expect(test).toMatchObject({ channel: 'push', to: id, memberId: 'dana' });
    expect(JSON.parse(test?.body ?? '{}')).toMatchObject({ title: 'FirstCall test notification' });
    expect((await api(dana, `/push-subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('sends a test lead through the public intake route and marks it as a test', async () => {
    await putSite('set-test-lead');
    const owner = await signIn('set-test-lead', 'max');
    const created = await json<{ leadId: string }>(post(owner, '/test-lead', {}), 201);
    const detail = await leadDetail('set-test-lead', created.leadId);
    expect(detail.lead).toMatchObject({
      name: 'Test lead',
      phone: '+16175550100',
      smsConsent: false,
    });
    const types = detail.timeline.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['received', 'assigned', 'alert_queued', 'test_lead']),
    );
    const queue = (await json<{ leads: QueueItem[] }>(api(owner, '/queue'))).leads;
    expect(queue.find((l) => l.id === created.leadId)?.test).toBe(true);
    const stored = await runInDurableObject(env.SITE.getByName('set-test-lead'), (_, state) =>
      state.storage.sql
        .exec<{ key: string }>('SELECT key FROM idempotency')
        .toArray()
        .map((r) => r.key),
    );
    expect(stored[0]).toMatch(/^console-test:/);
  });
});
