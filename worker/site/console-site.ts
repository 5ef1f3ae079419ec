// Everything the Site object does for the CSR console, behind the thin RPC methods at the end of
// the Site class: sign-in (invites, sessions), the queue and lead detail, claims and outcomes,
// notes, duty, settings, push tests and the live queue's sockets.
import type {
  ConsoleLeadDetail,
  ConsoleMe,
  ConsoleMember,
  ConsoleSessionInfo,
  InviteCreated,
  Member,
  QueueItem,
  SiteConfig,
} from '../../shared/schemas';
import { INVITE_TTL_SECONDS, inviteUrl, newInviteId, signInvite } from '../console/invite-token';
import { type Env, isDevMode } from '../env';
import { SigningConfigError, signingKeys } from '../links';
import { queueConsoleMessage } from './console-outbox';
import { ConsoleQueue } from './console-queue';
import { ConsoleSessions, type RedeemResult } from './console-sessions';
import { applyConfigPatch, configForConsole } from './console-settings';
import { ConsoleHub } from './console-socket';
import { ConsoleWork, type OutcomeInput } from './console-work';
import type { Rows } from './rows';
import type { ClaimOutcome } from './views';

export interface ConsoleHooks {
  claim: (leadId: string, memberId: string, now: number) => ClaimOutcome;
  /** Arms the alarm, sends what was queued and tells connected consoles. */
  committed: () => void;
  putConfig: (config: SiteConfig) => void;
}

export interface Refusal {
  ok: false;
  status: 400 | 403 | 404 | 409 | 503;
  message: string;
  fields?: Record<string, string>;
}
type Done<T> = ({ ok: true } & T) | Refusal;
const refuse = (status: Refusal['status'], message: string): Refusal => ({
  ok: false,
  status,
  message,
});

export const consoleMember = (m: Member): ConsoleMember => ({
  id: m.id,
  name: m.name,
  role: m.role,
  phone: m.phone,
  email: m.email ?? null,
});

export class ConsoleSite {
  readonly sessions: ConsoleSessions;
  readonly queue: ConsoleQueue;
  readonly work: ConsoleWork;
  readonly hub: ConsoleHub;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly rows: Rows,
    private readonly env: Env,
    private readonly hooks: ConsoleHooks,
  ) {
    const sql = ctx.storage.sql;
    this.sessions = new ConsoleSessions(sql);
    this.queue = new ConsoleQueue(sql, rows);
    this.work = new ConsoleWork(sql, rows);
    this.hub = new ConsoleHub(ctx, this.queue, () => rows.config());
  }

  private member(id: string): Member | null {
    return this.rows.config()?.team.find((m) => m.id === id) ?? null;
  }

  private tx<T>(fn: () => T): T {
    return this.ctx.storage.transactionSync(fn);
  }

  redeemInvite(
    inviteId: string,
    memberId: string,
    now: number,
    userAgent: string | null,
  ):
    | { ok: true; secret: string }
    | { ok: false; reason: Exclude<RedeemResult, 'ok'> | 'not_member' } {
    if (!this.member(memberId)) return { ok: false, reason: 'not_member' };
    return this.tx(() => {
      const result = this.sessions.redeemInvite(inviteId, memberId, now);
      if (result !== 'ok') return { ok: false as const, reason: result };
      return { ok: true as const, secret: this.sessions.create(memberId, now, userAgent).secret };
    });
  }

  /** The member behind a session secret, if it still signs them in. */
  auth(
    secret: string,
    now: number,
  ): { member: ConsoleMember; idHash: string; rotated: string | null } | null {
    const session = this.tx(() => this.sessions.check(secret, now));
    const member = session && this.member(session.memberId);
    return session && member
      ? { member: consoleMember(member), idHash: session.idHash, rotated: session.rotated }
      : null;
  }

  signOut(secret: string, idHash: string, now: number): void {
    this.sessions.end(secret, now);
    this.hub.close(`s:${idHash}`, 'signed out');
  }

  me(memberId: string): ConsoleMe | null {
    const config = this.rows.config();
    const member = this.member(memberId);
    if (!config || !member) return null;
    return {
      site: this.rows.getMeta('site') ?? '',
      siteName: config.name,
      timeZone: config.timezone,
      member: consoleMember(member),
      onDuty: !this.work.offDuty([member]).includes(member.id),
      vapidPublicKey: this.env.VAPID_PUBLIC_KEY ?? null,
    };
  }

  queueItems(now: number): QueueItem[] {
    const config = this.rows.config();
    return config ? this.queue.queue(config, now) : [];
  }

  lead(leadId: string): ConsoleLeadDetail | null {
    const config = this.rows.config();
    return config ? this.queue.detail(leadId, config) : null;
  }

  claim(leadId: string, memberId: string, now: number): Done<{ item: QueueItem }> {
    const result = this.hooks.claim(leadId, memberId, now);
    const config = this.rows.config();
    if (result.outcome === 'not_found' || !config) return refuse(404, 'No such lead');
    if (result.outcome === 'not_member') return refuse(403, 'You are no longer on this team');
    const item = this.queue.item(leadId, config);
    if (!item) return refuse(404, 'No such lead');
    if (result.outcome === 'taken')
      return refuse(409, `${item.claimedByName ?? 'Someone else'} claimed this lead first`);
    if (result.outcome === 'closed') return refuse(409, `This lead is already ${item.status}`);
    return { ok: true, item };
  }

  outcome(
    leadId: string,
    memberId: string,
    input: OutcomeInput,
    origin: string,
    now: number,
  ): Done<{ item: QueueItem }> {
    const config = this.rows.config();
    const lead = this.rows.lead(leadId);
    const actor = this.member(memberId);
    if (!config || !lead) return refuse(404, 'No such lead');
    if (!actor) return refuse(403, 'You are no longer on this team');
    const checked = this.work.checkOutcome(lead, actor, input);
    if (!checked.ok) return checked;
    this.tx(() => this.work.recordOutcome(lead, actor, input, config, origin, now));
    this.hooks.committed();
    return { ok: true, item: this.queue.item(leadId, config) as QueueItem };
  }

  note(leadId: string, memberId: string, text: string, now: number): Done<object> {
    if (!this.rows.lead(leadId)) return refuse(404, 'No such lead');
    this.work.addNote(leadId, memberId, text, now);
    this.hooks.committed();
    return { ok: true };
  }

  markTest(leadId: string, memberId: string, now: number): void {
    if (!this.rows.lead(leadId)) return;
    this.tx(() => this.work.markTest(leadId, memberId, now));
    this.hooks.committed();
  }

  setDuty(memberId: string, onDuty: boolean, now: number): void {
    this.tx(() => this.work.setDuty(memberId, onDuty, now));
  }

  offDuty(): string[] {
    return this.work.offDuty(this.rows.config()?.team ?? []);
  }

  config(): { site: string; config: ReturnType<typeof configForConsole> } | null {
    const config = this.rows.config();
    return config
      ? { site: this.rows.getMeta('site') ?? '', config: configForConsole(config) }
      : null;
  }

  /** Validates and stores a change; members no longer on the team lose their live queue. */
  patchConfig(memberId: string, patch: Record<string, unknown>): Done<{ config: SiteConfig }> {
    const current = this.rows.config();
    const actor = this.member(memberId);
    if (!current) return refuse(404, 'Unknown site');
    if (!actor || actor.role === 'csr')
      return refuse(403, 'Only owners and managers can change the site');
    const change = applyConfigPatch(current, patch, actor);
    if (!change.ok) return change;
    this.hooks.putConfig(change.config);
    for (const m of current.team) {
      if (!change.config.team.some((n) => n.id === m.id)) this.hub.close(`m:${m.id}`, 'removed');
    }
    return { ok: true, config: change.config };
  }

  invite(
    actorId: string | null,
    memberId: string,
    send: 'sms' | 'email' | 'none',
    origin: string,
    now: number,
  ): Done<{ invite: InviteCreated }> {
    const config = this.rows.config();
    const site = this.rows.getMeta('site');
    const member = this.member(memberId);
    if (!config || !site) return refuse(404, 'Unknown site');
    if (!member) return refuse(404, 'No such member');
    const actor = actorId === null ? null : this.member(actorId);
    if (actorId !== null && (!actor || actor.role === 'csr'))
      return refuse(403, 'Only owners and managers can invite');
    if (actor?.role === 'manager' && member.role === 'owner')
      return refuse(403, 'Only an owner can invite an owner');
    if (send === 'email' && !member.email)
      return refuse(400, `${member.name} has no email address`);
    let keys: ReturnType<typeof signingKeys>;
    try {
      keys = signingKeys(this.env.LINK_SIGNING_KEYS, isDevMode(this.env));
    } catch (err) {
      if (err instanceof SigningConfigError)
        return refuse(503, 'Links are not set up on this server');
      throw err;
    }
    const inviteId = newInviteId();
    const exp = Math.floor(now / 1000) + INVITE_TTL_SECONDS;
    const url = inviteUrl(origin, signInvite({ site, inviteId, memberId, exp }, keys));
    const from = actor ? `${actor.name} invited you` : 'You are invited';
    const text = `${config.name}: ${from} to the FirstCall console, where you get and claim new leads. Open this link on your phone to sign in. It works once and expires in 72 hours: ${url}`;
    this.tx(() => {
      this.sessions.createInvite(inviteId, memberId, actorId, exp * 1000, now);
      if (send === 'none') return;
      queueConsoleMessage(this.ctx.storage.sql, {
        dedupeKey: `invite:${inviteId}`,
        leadId: '',
        kind: 'invite',
        channel: send,
        to: send === 'sms' ? member.phone : (member.email as string),
        memberId,
        body:
          send === 'sms'
            ? text
            : JSON.stringify({ subject: `Sign in to ${config.name} on FirstCall`, text }),
        sendAt: now,
        now,
      });
    });
    if (send !== 'none') this.hooks.committed();
    return {
      ok: true,
      invite: {
        url,
        expiresAt: new Date(exp * 1000).toISOString(),
        sentVia: send === 'none' ? null : send,
      },
    };
  }

  sessionsOf(memberId: string, currentHash: string, now: number): ConsoleSessionInfo[] {
    return this.sessions.list(memberId, now).map((s) => ({
      createdAt: new Date(s.created_at).toISOString(),
      lastSeenAt: new Date(s.last_seen_at).toISOString(),
      expiresAt: new Date(s.expires_at).toISOString(),
      userAgent: s.user_agent,
      current: s.id_hash === currentHash,
    }));
  }

  revokeSessions(memberId: string, now: number): number {
    const ended = this.sessions.revokeMember(memberId, now);
    this.hub.close(`m:${memberId}`, 'signed out by an owner');
    return ended;
  }

  testPush(memberId: string, origin: string, now: number): number {
    const member = this.member(memberId);
    if (!member) return 0;
    const queued = this.tx(() => this.work.queueTestPush(member, origin, now));
    if (queued > 0) this.hooks.committed();
    return queued;
  }
}
