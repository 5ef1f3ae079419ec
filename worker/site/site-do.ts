import { DurableObject } from 'cloudflare:workers';
import type {
  LeadCreated,
  LeadInput,
  PublicSiteConfig,
  PushSubscriptionInput,
  SiteConfig,
  WidgetEvent,
} from '../../shared/schemas';
import { acknowledge } from '../core/acknowledgement';
import { isOpenAt } from '../core/business-hours';
import { afterAssignment, route } from '../core/lead-routing';
import { transition } from '../core/lifecycle';
import { contactDeadline } from '../core/policy';
import { spamReason } from '../core/spam';
import type { Env } from '../env';
import { toE164 } from '../phone';
import { ConsoleSite } from './console-site';
import type { OutcomeInput } from './console-work';
import { Dispatcher } from './dispatcher';
import { Escalator } from './escalator';
import { bodyHash, newLeadId, textHash } from './ids';
import { Inbound } from './inbound';
import { addMissingColumns } from './migrate';
import { type OnCallView, onCallViews } from './on-call-view';
import { type HomeownerData, Privacy } from './privacy';
import { routingState, saveRoutingState } from './routing-state';
import { type Lead, Rows } from './rows';
import { SITE_SCHEMA } from './sql-schema';
import { type ClaimOutcome, type ClaimView, claimView, type LeadDetail, leadDetail } from './views';
import { queueWebhookEvent } from './webhook-events';

export interface SubmitLeadArgs {
  input: LeadInput;
  idempotencyKey: string;
  now: number;
  /** Origin for links sent to phones. */
  origin: string;
  /** The homeowner's IP, kept with their SMS consent for an auditor. */
  ip?: string;
}

export interface IntakeGuard {
  allowedOrigins: string[];
  turnstileSecret: string | null;
}

export type SubmitLeadResult =
  | { kind: 'created' | 'replayed'; body: LeadCreated }
  | { kind: 'site_not_found' }
  | { kind: 'idempotency_conflict' }
  | { kind: 'invalid'; fields: Record<string, string> };

/**
 * One object per contractor site: its config, leads, timeline, timers and outbox in SQLite.
 * Methods are called over native Durable Object RPC from the Worker.
 */
const BACKSTOP_MS = 5_000;

export class Site extends DurableObject<Env> {
  private readonly rows: Rows;
  private readonly escalator: Escalator;
  private readonly dispatcher: Dispatcher;
  private readonly inbound: Inbound;
  private readonly privacy: Privacy;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(SITE_SCHEMA);
    addMissingColumns(ctx.storage.sql);
    this.rows = new Rows(ctx.storage.sql);
    this.privacy = new Privacy(ctx.storage.sql, this.rows);
    const transaction = (fn: () => void) => ctx.storage.transactionSync(fn);
    this.escalator = new Escalator(this.rows, env);
    this.dispatcher = new Dispatcher(this.rows, env, this.escalator.alerts, transaction);
    this.inbound = new Inbound(
      this.rows,
      this.escalator.alerts,
      (l, m, n) => this.claim(l, m, n),
      transaction,
    );
  }

  putConfig(siteId: string, config: SiteConfig): { created: boolean } {
    const created = this.rows.config() === null;
    this.ctx.storage.transactionSync(() => {
      this.rows.setMeta('site', siteId);
      this.rows.setMeta('config', JSON.stringify(config));
      // A retention period set now is applied at once, then daily.
      if (config.retentionDays && !this.rows.getMeta('next_purge_at'))
        this.rows.setMeta('next_purge_at', String(Date.now()));
    });
    this.afterCommit();
    return { created };
  }

  /** Everything held about one homeowner (by phone, email or both), for them to take away. */
  exportHomeowner(phone: string | null, email: string | null): HomeownerData | null {
    const config = this.rows.config();
    if (!config) return null;
    return this.privacy.export(phone ? toE164(phone, config.country) : null, email);
  }

  deleteHomeowner(
    phone: string | null,
    email: string | null,
    now: number,
  ): { leads: number } | null {
    const config = this.rows.config();
    if (!config) return null;
    const e164 = phone ? toE164(phone, config.country) : null;
    let result = { leads: 0 };
    this.ctx.storage.transactionSync(() => {
      result = this.privacy.delete(e164, email, now);
    });
    return result;
  }

  getConfig(): SiteConfig | null {
    return this.rows.config();
  }

  publicConfig(now: number, turnstileScriptUrl: string): PublicSiteConfig | null {
    const c = this.rows.config();
    const site = this.rows.getMeta('site');
    if (!c || !site) return null;
    return {
      site,
      name: c.name,
      phone: c.phone,
      services: c.services,
      consentText: c.consentText,
      brandColor: c.brandColor,
      launcherText: c.launcherText,
      responseMinutes: c.responseMinutes,
      openNow: isOpenAt(c.hours, c.timezone, now),
      ...(c.turnstile
        ? { turnstile: { siteKey: c.turnstile.siteKey, scriptUrl: turnstileScriptUrl } }
        : {}),
    };
  }

  /**
   * What the Worker checks before intake, in one call: the origins allowed to post, and the
   * Turnstile secret when the site uses it. Null for an unknown site.
   */
  intakeGuard(): IntakeGuard | null {
    const c = this.rows.config();
    return c
      ? { allowedOrigins: c.allowedOrigins, turnstileSecret: c.turnstile?.secretKey ?? null }
      : null;
  }

  submitLead(args: SubmitLeadArgs): SubmitLeadResult {
    const config = this.rows.config();
    const site = this.rows.getMeta('site');
    if (!config || !site) return { kind: 'site_not_found' };

    const hash = bodyHash(args.input);
    const seen = this.rows.idempotent(args.idempotencyKey);
    if (seen) {
      if (seen.body_hash !== hash) return { kind: 'idempotency_conflict' };
      return { kind: 'replayed', body: JSON.parse(seen.response) as LeadCreated };
    }

    const fields: Record<string, string> = {};
    const phone = toE164(args.input.phone, config.country);
    if (!phone) fields.phone = 'Please enter a valid phone number';
    if (
      args.input.service &&
      config.services.length > 0 &&
      !config.services.includes(args.input.service)
    ) {
      fields.service = 'Please choose one of the listed services';
    }
    if (!phone || Object.keys(fields).length > 0) return { kind: 'invalid', fields };

    const input: LeadInput = { ...args.input, phone };
    const now = args.now;
    const spam = spamReason(input);
    // Routing decides the rule, the policy, when alerting starts and who gets the lead; a lead
    // held for the opening is assigned then, to whoever is on duty at that time.
    const state = routingState(this.rows, config);
    const { decision, assignment } = route(config, input, state, now);
    const primary = assignment?.primary
      ? config.team.find((m) => m.id === assignment.primary)
      : undefined;
    const ack = acknowledge({
      siteName: config.name,
      timeZone: config.timezone,
      hours: config.hours,
      holidays: config.holidays,
      responseMinutes: config.responseMinutes,
      homeownerName: input.name,
      urgent: input.urgent ?? false,
      preferredContact: input.preferredContact,
      assigneeName: primary?.name,
      now,
    });
    const lead: Lead = {
      id: newLeadId(),
      createdAt: now,
      status: spam ? 'spam' : 'received',
      input,
      assigneeId: spam ? null : (assignment?.primary ?? assignment?.assignees[0] ?? null),
      claimedBy: null,
      claimedAt: null,
      clockStartsAt: decision.alertAt,
      respondBy: ack.respondBy,
      ackMessage: ack.message,
      policy: decision.policy,
      ruleId: decision.rule?.id ?? null,
      assignees: spam || !assignment ? [] : assignment.assignees,
      contactClockAt: null,
      contactedAt: null,
    };

    const answer = (status: LeadCreated['status']): LeadCreated => ({
      leadId: lead.id,
      status,
      ack: { message: ack.message, respondBy: new Date(ack.respondBy).toISOString() },
    });
    let body: LeadCreated | undefined;
    this.ctx.storage.transactionSync(() => {
      this.rows.setMeta('origin', args.origin);
      this.rows.insertLead(lead);
      this.rows.addEvent(lead.id, now, 'received', {
        idempotencyKey: args.idempotencyKey,
        smsConsent: input.smsConsent,
        afterHours: ack.afterHours,
        respondBy: new Date(ack.respondBy).toISOString(),
      });
      if (input.smsConsent) {
        // What the homeowner agreed to, exactly as the site showed it, with when and where.
        this.rows.addEvent(lead.id, now, 'sms_consent', {
          text: config.consentText,
          sha256: textHash(config.consentText),
          pageUrl: input.page?.url ?? null,
          ip: args.ip ?? null,
        });
      }
      if (spam) {
        // Kept for the owner's spam report; nobody is alerted and nothing is texted.
        this.rows.addEvent(lead.id, now, 'spam_detected', { reason: spam });
        body = answer('received');
        this.rows.saveIdempotent(args.idempotencyKey, hash, lead.id, JSON.stringify(body), now);
        return;
      }
      if (assignment) {
        saveRoutingState(this.rows, afterAssignment(state, assignment, now), assignment);
        this.rows.addEvent(lead.id, now, 'assigned', {
          memberIds: assignment.assignees,
          memberId: lead.assigneeId,
          by: assignment.strategy,
          level: assignment.level,
          rule: lead.ruleId,
        });
      } else {
        this.rows.addTimer({
          key: `assign:${lead.id}`,
          lead_id: lead.id,
          kind: 'assign',
          phase: 'claim',
          firing: 0,
          member_id: null,
          rule: null,
          due_at: decision.assignAt,
        });
        this.rows.addEvent(lead.id, now, 'assignment_deferred', {
          until: new Date(decision.assignAt).toISOString(),
          rule: lead.ruleId,
        });
      }
      if (input.smsConsent) {
        this.rows.enqueue({
          dedupe_key: `ack:${lead.id}`,
          lead_id: lead.id,
          kind: 'sms-ack',
          channel: 'sms',
          to_addr: phone,
          member_id: null,
          step: null,
          urgent: input.urgent ? 1 : 0,
          body: ack.smsBody,
          next_attempt_at: now,
          created_at: now,
        });
        this.rows.addEvent(lead.id, now, 'ack_queued', { channel: 'sms' });
      }
      this.escalator.startPhase(lead, 'claim', lead.clockStartsAt);
      queueWebhookEvent(this.rows, config, lead, 'lead.received', now);
      this.escalator.runDue(now);
      body = answer(this.rows.lead(lead.id)?.status ?? 'received');
      this.rows.saveIdempotent(args.idempotencyKey, hash, lead.id, JSON.stringify(body), now);
    });
    this.afterCommit();
    return { kind: 'created', body: body as LeadCreated };
  }

  recordWidgetEvent(event: WidgetEvent, now: number): boolean {
    if (!this.rows.config()) return false;
    this.rows.addEvent(null, now, `widget.${event.type}`, { page: event.page ?? null });
    return true;
  }

  getLead(leadId: string): LeadDetail | null {
    const lead = this.rows.lead(leadId);
    const config = this.rows.config();
    return lead && config ? leadDetail(lead, this.rows.timeline(leadId), config, Date.now()) : null;
  }

  /** Who is on call now on each schedule (the onCall list is the default), and the next hand-offs. */
  onCall(at: number, handoffs = 3): OnCallView[] | null {
    const config = this.rows.config();
    return config ? onCallViews(config, this.rows.offDuty(), at, handoffs) : null;
  }

  getClaimView(leadId: string, memberId: string): ClaimView | null {
    const lead = this.rows.lead(leadId);
    const config = this.rows.config();
    return lead && config ? claimView(lead, memberId, config) : null;
  }

  /** First claim wins; a claim stops every further alert for the lead at once. */
  claim(leadId: string, memberId: string, now: number): ClaimOutcome {
    const config = this.rows.config();
    const lead = this.rows.lead(leadId);
    if (!config || !lead) return { outcome: 'not_found' };
    if (!config.team.some((m) => m.id === memberId)) return { outcome: 'not_member' };
    if (lead.claimedBy === memberId)
      return { outcome: 'yours', view: claimView(lead, memberId, config) };
    const moved = transition(lead.status, { type: 'claimed', memberId });
    if (!moved.ok) {
      return {
        outcome: lead.claimedBy ? 'taken' : 'closed',
        view: claimView(lead, memberId, config),
      };
    }
    this.ctx.storage.transactionSync(() => {
      this.rows.setClaimed(leadId, memberId, now);
      this.rows.deleteLeadTimers(leadId);
      const cancelled = this.rows.cancelPendingAlerts(leadId);
      this.rows.addEvent(leadId, now, 'claimed', {
        memberId,
        secondsToClaim: Math.round((now - lead.createdAt) / 1000),
        alertsCancelled: cancelled,
      });
      queueWebhookEvent(this.rows, config, { ...lead, status: 'claimed' }, 'lead.claimed', now, {
        memberId,
      });
      // The contact clock: a claimed lead nobody has reached by the deadline escalates again.
      const deadline = contactDeadline(lead.policy, lead.clockStartsAt, now);
      if (deadline !== null) {
        this.rows.setContactClock(leadId, deadline);
        this.escalator.startPhase({ ...lead, contactClockAt: deadline }, 'contact', deadline);
      }
    });
    this.afterCommit();
    const updated = this.rows.lead(leadId) as Lead;
    return { outcome: 'claimed', view: claimView(updated, memberId, config) };
  }

  /** A text to the shared number, already routed to this site; returns the reply, if any. */
  inboundSms(from: string, body: string, now: number): string | null {
    const reply = this.inbound.sms(from, body, now);
    this.afterCommit();
    return reply;
  }

  /** A key pressed on an alert call; returns TwiML. */
  voiceInput(
    leadId: string,
    memberId: string,
    outboxId: number,
    digits: string,
    now: number,
    dialAction: string,
  ): string {
    const twiml = this.inbound.voice(leadId, memberId, outboxId, digits, now, dialAction);
    this.afterCommit();
    return twiml;
  }

  callConnected(leadId: string, memberId: string, seconds: number, now: number): void {
    this.inbound.callConnected(leadId, memberId, seconds, now);
    this.afterCommit();
  }

  deliveryStatus(
    outboxId: number,
    status: string,
    errorCode: string | undefined,
    now: number,
  ): boolean {
    const known = this.inbound.status(outboxId, status, errorCode, now);
    this.afterCommit();
    return known;
  }

  /** The member opened an alert (e.g. tapped the push notification): later rules need not fire. */
  markOpened(leadId: string, memberId: string, via: string, now: number): void {
    if (!this.rows.lead(leadId) || this.rows.hasOpened(leadId, memberId)) return;
    this.rows.addEvent(leadId, now, 'alert_opened', { memberId, via });
  }

  addPushSubscription(
    memberId: string,
    sub: PushSubscriptionInput,
    now: number,
  ): { id: string } | null {
    if (!this.rows.config()?.team.some((m) => m.id === memberId)) return null;
    const id = `ps_${newLeadId().slice(3)}`;
    this.rows.savePushSubscription({
      id,
      member_id: memberId,
      endpoint: sub.endpoint,
      p256dh: sub.keys.p256dh,
      auth: sub.keys.auth,
      created_at: now,
    });
    const saved = this.rows.pushSubscriptions(memberId).find((s) => s.endpoint === sub.endpoint);
    return { id: saved?.id ?? id };
  }

  removePushSubscription(memberId: string, id: string): boolean {
    const sub = this.rows.pushSubscription(id);
    if (!sub || sub.member_id !== memberId) return false;
    this.rows.deletePushSubscription(id);
    return true;
  }

  override async alarm(): Promise<void> {
    await this.work();
    await this.rearm();
  }

  /**
   * Runs due timers and sends due messages. A send that fails for good can bring a member's
   * next channel forward to now, so a few rounds run until nothing more is due.
   */
  private async work(): Promise<void> {
    const retention = this.rows.config()?.retentionDays;
    this.ctx.storage.transactionSync(() => this.privacy.purgeExpired(retention, Date.now()));
    for (let round = 0; round < 3; round++) {
      const now = Date.now();
      this.ctx.storage.transactionSync(() => this.escalator.runDue(now));
      await this.dispatcher.dispatchDue(now);
      const next = this.rows.nextWakeUp();
      if (next === null || next > Date.now()) return;
    }
  }

  /** Sends what the change queued without holding up the answer, and arms the alarm as a backstop. */
  private afterCommit(): void {
    this.broadcast();
    this.ctx.waitUntil(
      (async () => {
        // Consoles hear of the change at once, before its alerts go out.
        this.broadcast();
        // The backstop alarm goes a little ahead: armed for now, it would fire at once and run
        // the same work a second time; it only matters if this object dies before sending.
        const next = this.rows.nextWakeUp();
        if (next !== null)
          await this.ctx.storage.setAlarm(Math.max(next, Date.now() + BACKSTOP_MS));
        await this.work();
        await this.rearm();
      })(),
    );
  }

  private async rearm(): Promise<void> {
    this.broadcast();
    const next = this.rows.nextWakeUp();
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  // ---- console ----
  // The CSR console (issue #4). broadcast() runs at once after each commit (afterCommit) and
  // again in rearm(), which ends every dispatch and alarm, so connected consoles hear of new
  // leads and claims at once and of alerts sent as they go. The logic is in console-*.ts.
  private consoleSite: ConsoleSite | undefined;

  private get console(): ConsoleSite {
    this.consoleSite ??= new ConsoleSite(this.ctx, this.rows, this.env, {
      claim: (leadId, memberId, now) => this.claim(leadId, memberId, now),
      committed: () => this.afterCommit(),
      putConfig: (config) => this.putConfig(this.rows.getMeta('site') ?? '', config),
    });
    return this.consoleSite;
  }

  private broadcast(): void {
    this.console.hub.broadcast(Date.now());
  }

  /** Members who switched themselves off duty in the console; routing passes them over. */
  offDutyMembers(): string[] {
    return this.console.offDuty();
  }

  consoleRedeemInvite(inviteId: string, memberId: string, now: number, userAgent: string | null) {
    return this.console.redeemInvite(inviteId, memberId, now, userAgent);
  }

  consoleAuth(secret: string, now: number) {
    return this.console.auth(secret, now);
  }

  consoleSignOut(secret: string, idHash: string, now: number): void {
    this.console.signOut(secret, idHash, now);
  }

  consoleMe(memberId: string) {
    return this.console.me(memberId);
  }

  consoleQueue(now: number) {
    return this.console.queueItems(now);
  }

  consoleLead(leadId: string) {
    return this.console.lead(leadId);
  }

  consoleClaim(leadId: string, memberId: string, now: number) {
    return this.console.claim(leadId, memberId, now);
  }

  consoleOutcome(
    leadId: string,
    memberId: string,
    input: OutcomeInput,
    origin: string,
    now: number,
  ) {
    return this.console.outcome(leadId, memberId, input, origin, now);
  }

  consoleNote(leadId: string, memberId: string, text: string, now: number) {
    return this.console.note(leadId, memberId, text, now);
  }

  consoleMarkTest(leadId: string, memberId: string, now: number): void {
    this.console.markTest(leadId, memberId, now);
  }

  consoleSetDuty(memberId: string, onDuty: boolean, now: number): void {
    this.console.setDuty(memberId, onDuty, now);
  }

  consoleConfig() {
    return this.console.config();
  }

  consolePatchConfig(memberId: string, patch: Record<string, unknown>) {
    return this.console.patchConfig(memberId, patch);
  }

  consoleInvite(
    actorId: string | null,
    memberId: string,
    send: 'sms' | 'email' | 'none',
    origin: string,
    now: number,
  ) {
    return this.console.invite(actorId, memberId, send, origin, now);
  }

  consoleSessions(memberId: string, currentHash: string, now: number) {
    return this.console.sessionsOf(memberId, currentHash, now);
  }

  consoleRevokeSessions(memberId: string, now: number): number {
    return this.console.revokeSessions(memberId, now);
  }

  consoleTestPush(memberId: string, origin: string, now: number): number {
    return this.console.testPush(memberId, origin, now);
  }

  /** The live queue's WebSocket, upgraded by the worker after it checked the session. */
  override fetch(request: Request): Response {
    const memberId = request.headers.get('x-console-member');
    const session = request.headers.get('x-console-session');
    if (request.headers.get('upgrade') !== 'websocket' || !memberId || !session)
      return new Response('expected a console WebSocket', { status: 426 });
    return this.console.hub.accept(memberId, session, Date.now());
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    this.console.hub.message(ws, message, Date.now());
  }

  /** Completes the closing handshake, or the browser waits seconds before it sees the close. */
  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    try {
      // A close without a code arrives as 1005, which may not be sent back; answer 1000.
      ws.close(code >= 3000 && code <= 4999 ? code : 1000, reason);
    } catch {
      // Already closed.
    }
  }
}
