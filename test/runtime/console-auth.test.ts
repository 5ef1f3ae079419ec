import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleMe } from '../../shared/schemas';
import { signInvite } from '../../worker/console/invite-token';
import { signClaim, signingKeys } from '../../worker/links';
import { adminInvite, api, cookieOf, json, ORIGIN, post, redeem, signIn } from './console-fixtures';
import { call, claimToken, createLead, putSite, settledOutbox, siteConfig } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
});

const KEYS = signingKeys('k2:test-signing-secret-number-two-0123456789', false);

describe('console sign-in by invite', () => {
  it('turns an invite into an HttpOnly, Secure, SameSite=Strict __Host- session', async () => {
    await putSite('auth-basic');
    const invite = await adminInvite('auth-basic', 'max');
    expect(invite.url).toMatch(/^https:\/\/leads\.test\/console\/join#k2\./);
    const res = await redeem(invite.token);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-fc_session=auth-basic\.[A-Za-z0-9_-]{43};/);
    for (const attr of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/'])
      expect(setCookie).toContain(attr);
    expect(setCookie).not.toMatch(/Domain=/i);
    const me = (await res.json()) as ConsoleMe;
    expect(me).toMatchObject({ site: 'auth-basic', member: { id: 'max', role: 'owner' } });
    const again = await json<ConsoleMe>(api(cookieOf(res), '/me'));
    expect(again.member.name).toBe('Max Owens');
  });

  it('uses an invite once', async () => {
    await putSite('auth-once');
    const { token } = await adminInvite('auth-once', 'dana');
    expect((await redeem(token)).status).toBe(200);
    const second = await redeem(token);
    expect(second.status).toBe(409);
    expect(second.headers.get('set-cookie')).toBeNull();
  });

  it('lets only the newest invite of a member work', async () => {
    await putSite('auth-newest');
    const first = await adminInvite('auth-newest', 'dana');
    const second = await adminInvite('auth-newest', 'dana');
    expect((await redeem(first.token)).status).toBe(401);
    expect((await redeem(second.token)).status).toBe(200);
  });

  it('refuses an invite after 72 hours', async () => {
    await putSite('auth-expiry');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const { token, expiresAt } = await adminInvite('auth-expiry', 'dana');
    expect(Date.parse(expiresAt) - t0).toBeGreaterThanOrEqual(72 * 3600_000 - 1000);
    vi.setSystemTime(t0 + 72 * 3600_000 + 1000);
    expect((await redeem(token)).status).toBe(410);
  });

  it('refuses tampered invites, claim links posing as invites and invites posing as claim links', async () => {
    await putSite('auth-forged');
    const { token } = await adminInvite('auth-forged', 'dana');
    const [kid, payload, sig] = token.split('.') as [string, string, string];
    // The first character: the last one of a 32-byte MAC in base64url carries padding bits.
    const flipped = `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    expect((await redeem(`${kid}.${payload}.${flipped}`)).status).toBe(401);
    expect((await redeem('nonsense')).status).toBe(401);

    // A real claim link for the same site and member, signed with the same key.
    const { leadId } = await createLead('auth-forged');
    const alert = (await settledOutbox(leadId, 2)).find((e) => e.kind === 'csr-alert');
    const claim = claimToken(alert?.body ?? '');
    expect((await redeem(claim)).status).toBe(401);
    const handMade = signClaim(
      { site: 'auth-forged', leadId, memberId: 'dana', exp: Math.floor(Date.now() / 1000) + 60 },
      KEYS,
    );
    expect((await redeem(handMade)).status).toBe(401);

    // An invite (never recorded by the site) does not claim a lead at /c/.
    const invite = signInvite(
      { site: 'auth-forged', inviteId: 'x', memberId: 'dana', exp: Date.now() / 1000 + 60 },
      KEYS,
    );
    expect((await call(`/c/${invite}`, { method: 'POST' })).status).toBe(404);
    expect((await redeem(invite)).status).toBe(401);
  });

  it('ends sessions on sign-out, when an owner revokes them, and when the member leaves the team', async () => {
    await putSite('auth-revoke');
    const owner = await signIn('auth-revoke', 'max');
    const dana = await signIn('auth-revoke', 'dana');
    const danaPhone = await signIn('auth-revoke', 'dana');
    const lee = await signIn('auth-revoke', 'lee');

    const list = await json<{ sessions: unknown[] }>(api(owner, '/members/dana/sessions'));
    expect(list.sessions).toHaveLength(2);
    // A CSR cannot sign a colleague out, nor list their sessions.
    expect((await api(lee, '/members/dana/sessions', { method: 'DELETE' })).status).toBe(403);
    expect((await api(lee, '/members/dana/sessions')).status).toBe(403);
    expect(
      await json<{ ended: number }>(api(owner, '/members/dana/sessions', { method: 'DELETE' })),
    ).toEqual({ ended: 2 });
    for (const cookie of [dana, danaPhone]) {
      const res = await api(cookie, '/me');
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toMatch(/__Host-fc_session=;/);
    }

    const out = await api(lee, '/session', { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect((await api(lee, '/me')).status).toBe(401);

    const danaAgain = await signIn('auth-revoke', 'dana');
    const team = siteConfig().team?.filter((m) => m.id !== 'dana');
    await json(
      api(owner, '/config', {
        method: 'PATCH',
        body: JSON.stringify({ team, onCall: ['lee'] }),
      }),
    );
    expect((await api(danaAgain, '/me')).status).toBe(401);
  });

  it('rotates the session secret after 12 hours; the old one lapses a minute later', async () => {
    await putSite('auth-rotate');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const first = await signIn('auth-rotate', 'dana');
    vi.setSystemTime(t0 + 11 * 3600_000);
    expect((await api(first, '/me')).headers.get('set-cookie')).toBeNull();
    vi.setSystemTime(t0 + 12 * 3600_000 + 1);
    const rotated = await api(first, '/me');
    expect(rotated.status).toBe(200);
    const second = cookieOf(rotated);
    expect(second).not.toBe(first);
    expect((await api(first, '/me')).status).toBe(200); // requests already in flight
    vi.setSystemTime(t0 + 12 * 3600_000 + 61_000);
    expect((await api(first, '/me')).status).toBe(401);
    expect((await api(second, '/me')).status).toBe(200);
  });

  it('expires a session after 30 idle days', async () => {
    await putSite('auth-idle');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const cookie = await signIn('auth-idle', 'dana');
    vi.setSystemTime(t0 + 31 * 24 * 3600_000);
    expect((await api(cookie, '/me')).status).toBe(401);
  });
});

describe('console request checks', () => {
  it('needs a session on every route', async () => {
    await putSite('auth-none');
    const routes: Array<[string, string]> = [
      ['GET', '/me'],
      ['GET', '/queue'],
      ['GET', '/leads/ld_x'],
      ['POST', '/leads/ld_x/claim'],
      ['POST', '/leads/ld_x/outcome'],
      ['POST', '/leads/ld_x/notes'],
      ['PUT', '/duty'],
      ['GET', '/config'],
      ['PATCH', '/config'],
      ['POST', '/invites'],
      ['POST', '/test-lead'],
      ['POST', '/push-subscriptions'],
      ['POST', '/push-subscriptions/test'],
      ['GET', '/members/dana/sessions'],
      ['GET', '/ws'],
    ];
    for (const [method, path] of routes) {
      const res = await call(`/v1/console${path}`, {
        method,
        headers: { 'X-FirstCall': '1', Origin: ORIGIN, Cookie: '__Host-fc_session=auth-none.x' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('refuses writes without the console header, from another origin or from another site', async () => {
    await putSite('auth-csrf');
    const cookie = await signIn('auth-csrf', 'dana');
    const duty = (headers: Record<string, string>) =>
      call('/v1/console/duty', {
        method: 'PUT',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ onDuty: false }),
      });
    expect((await duty({ Origin: ORIGIN })).status).toBe(403);
    expect((await duty({ 'X-FirstCall': '1', Origin: 'https://evil.example' })).status).toBe(403);
    expect((await duty({ 'X-FirstCall': '1', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await duty({ 'X-FirstCall': '1', Origin: ORIGIN })).status).toBe(200);
    expect((await redeem('x', { 'X-FirstCall': '0' })).status).toBe(403);
  });

  it('lets only owners and managers change the site or invite', async () => {
    await putSite('auth-roles');
    const csr = await signIn('auth-roles', 'dana');
    expect((await api(csr, '/config')).status).toBe(403);
    expect(
      (await api(csr, '/config', { method: 'PATCH', body: JSON.stringify({ name: 'Mine' }) }))
        .status,
    ).toBe(403);
    expect((await post(csr, '/invites', { memberId: 'lee' })).status).toBe(403);
    expect((await post(csr, '/test-lead', {})).status).toBe(403);
  });
});
