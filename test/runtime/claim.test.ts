import { afterEach, describe, expect, it, vi } from 'vitest';
import { signClaim, signingKeys } from '../../worker/links';
import { call, claimToken, createLead, leadDetail, putSite, settledOutbox } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
});

async function alertTokens(site: string, overrides: Record<string, unknown> = {}) {
  const { leadId } = await createLead(site, overrides);
  const sent = await settledOutbox(leadId, 2);
  const alert = sent.find((e) => e.kind === 'csr-alert');
  return { leadId, token: claimToken(alert?.body ?? '') };
}

describe('claim links /c/:token', () => {
  it('shows the lead without claiming it (link previews fetch it), escaping what the homeowner typed', async () => {
    await putSite('links');
    const { leadId, token } = await alertTokens('links', {
      name: '<img src=x onerror=alert(1)>',
      message: '<script>alert(2)</script>',
    });
    for (let i = 0; i < 3; i++) {
      const res = await call(`/c/${token}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await res.text();
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<script>alert(2)');
      expect(html).toContain('tel:+16175550199');
      expect(html).toContain('Claim this lead');
    }
    expect((await leadDetail('links', leadId)).lead.status).toBe('alerted');
  });

  it('lets the first claim win and tells everyone after who has the lead', async () => {
    await putSite('first-wins');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { leadId, token: danaToken } = await alertTokens('first-wins');
    const keys = signingKeys('k2:test-signing-secret-number-two-0123456789', false);
    const leeToken = signClaim(
      { site: 'first-wins', leadId, memberId: 'lee', exp: Math.floor(t0 / 1000) + 3600 },
      keys,
    );

    vi.setSystemTime(t0 + 30_000);
    const [a, b] = await Promise.all([
      call(`/c/${danaToken}`, { method: 'POST' }),
      call(`/c/${leeToken}`, { method: 'POST' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const detail = await leadDetail('first-wins', leadId);
    const winner = detail.lead.claimedBy;
    expect(['dana', 'lee']).toContain(winner);
    expect(detail.timeline.filter((e) => e.type === 'claimed')).toHaveLength(1);
    const loser = winner === 'dana' ? leeToken : danaToken;
    const page = await (await call(`/c/${loser}`)).text();
    expect(page).toContain(`${winner === 'dana' ? 'Dana Reyes' : 'Lee Park'} claimed this lead`);
    expect(page).not.toContain('Claim this lead</button>');
    // The winner claiming again is harmless.
    expect(
      (await call(`/c/${winner === 'dana' ? danaToken : leeToken}`, { method: 'POST' })).status,
    ).toBe(200);
  });

  it('refuses forged, altered, cross-lead and expired tokens', async () => {
    await putSite('forgery');
    await putSite('other-site');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { leadId, token } = await alertTokens('forgery');
    const other = await alertTokens('other-site');
    const [kid, payload, sig] = token.split('.') as [string, string, string];
    const otherPayload = other.token.split('.')[1] as string;

    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect((await call(`/c/${kid}.${payload}.${flipped}`)).status).toBe(404);
    // Another lead's payload under this lead's signature.
    expect((await call(`/c/${kid}.${otherPayload}.${sig}`, { method: 'POST' })).status).toBe(404);
    // Signed with a key the server does not hold.
    const foreign = signClaim(
      { site: 'forgery', leadId, memberId: 'dana', exp: Math.floor(t0 / 1000) + 3600 },
      signingKeys('k2:an-attacker-guess-at-the-secret-0123456789', false),
    );
    expect((await call(`/c/${foreign}`, { method: 'POST' })).status).toBe(404);
    expect((await call('/c/garbage')).status).toBe(404);

    vi.setSystemTime(t0 + 25 * 3600_000);
    const expired = await call(`/c/${token}`, { method: 'POST' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    expect((await leadDetail('forgery', leadId)).lead.status).toBe('alerted');
  });

  it('accepts links signed with an older key still listed (rotation)', async () => {
    await putSite('rotation');
    const { leadId } = await alertTokens('rotation');
    const old = signingKeys('k1:test-signing-secret-number-one-0123456789', false);
    const token = signClaim(
      { site: 'rotation', leadId, memberId: 'lee', exp: Math.floor(Date.now() / 1000) + 60 },
      old,
    );
    expect((await call(`/c/${token}`, { method: 'POST' })).status).toBe(200);
    expect((await leadDetail('rotation', leadId)).lead.claimedBy).toBe('lee');
  });

  it('refuses a claim posted from another origin', async () => {
    await putSite('csrf');
    const { leadId, token } = await alertTokens('csrf');
    const res = await call(`/c/${token}`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    const crossSite = await call(`/c/${token}`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect((await leadDetail('csrf', leadId)).lead.status).toBe('alerted');
    const sameOrigin = await call(`/c/${token}`, {
      method: 'POST',
      headers: { Origin: 'https://leads.test', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses a member who was removed from the team since the link was sent', async () => {
    await putSite('removed');
    const { leadId, token } = await alertTokens('removed');
    const { siteConfig } = await import('./fixtures');
    const base = siteConfig();
    await putSite('removed', {
      ...base,
      team: base.team.filter((m) => m.id !== 'dana'),
      onCall: ['lee'],
      escalation: { steps: [{ afterSeconds: 0, notify: ['assignee'] }], repeat: 0 },
    });
    expect((await call(`/c/${token}`, { method: 'POST' })).status).toBe(403);
    expect((await leadDetail('removed', leadId)).lead.status).toBe('alerted');
  });
});
