// Alerts one member through their personal notification rules. Each applicable rule is a timer
// row; when it comes due it queues a message on its channel, unless the lead is closed or the
// member already opened an earlier alert. A rule that cannot reach the member (no push
// subscription, no email, the provider refused for good) hands over to the next rule at once.
import type { Member, SiteConfig } from '../../shared/schemas';
import { OPEN_STATUSES } from '../core/lifecycle';
import { applicableRules, decideRule, rulesFor } from '../core/notification-rules';
import { policyFiring } from '../core/policy';
import { type Env, isDevMode } from '../env';
import { CLAIM_LINK_TTL_SECONDS, SigningConfigError, signClaim, signingKeys } from '../links';
import { logError } from '../log';
import {
  type AlertTextArgs,
  csrAlertBody,
  emailAlert,
  pushAlertPayload,
  voiceAlertText,
} from './alert-text';
import type { Lead, OutboxChannel, Phase, Rows, TimerRow } from './rows';

const ruleKey = (leadId: string, phase: Phase, firing: number, memberId: string, rule: number) =>
  `rule:${leadId}:${phase}:${firing}:${memberId}:${rule}`;

/** One escalation firing as a member's alerts see it. */
export interface AlertFiring {
  phase: Phase;
  firing: number;
  step: number;
  /** Selects members' urgent-only rules (a call): the lead's urgency unless the step sets one. */
  urgent: boolean;
}

export class MemberAlerts {
  constructor(
    private readonly rows: Rows,
    private readonly env: Env,
  ) {}

  /** Schedules the member's rules for this firing; those due now run on the same pass. */
  start(lead: Lead, firing: AlertFiring, member: Member, now: number): void {
    const rules = rulesFor(member);
    for (const i of applicableRules(rules, firing.urgent)) {
      const rule = rules[i];
      if (!rule) continue;
      this.rows.addTimer({
        key: ruleKey(lead.id, firing.phase, firing.firing, member.id, i),
        lead_id: lead.id,
        kind: 'rule',
        phase: firing.phase,
        firing: firing.firing,
        member_id: member.id,
        rule: i,
        due_at: now + rule.afterSeconds * 1000,
      });
    }
  }

  fire(timer: TimerRow, now: number): void {
    const lead = this.rows.lead(timer.lead_id);
    const config = this.rows.config();
    const member = config?.team.find((m) => m.id === timer.member_id);
    const rule = member ? rulesFor(member)[timer.rule ?? -1] : undefined;
    if (!lead || !config || !member || !rule || timer.rule === null) return;
    const decision = decideRule(rule, {
      // The contact phase alerts about a claimed lead that nobody has reached yet.
      leadOpen:
        timer.phase === 'claim' ? OPEN_STATUSES.includes(lead.status) : lead.status === 'claimed',
      opened: this.rows.hasOpened(lead.id, member.id),
    });
    if (decision !== 'send') {
      if (decision === 'skip_opened') {
        this.rows.addEvent(lead.id, now, 'alert_skipped', {
          memberId: member.id,
          channel: rule.channel,
          reason: 'opened',
        });
      }
      return;
    }
    const queued = this.queue(lead, config, member, rule.channel, timer, now);
    if (queued === 'unavailable')
      this.handOver(
        lead.id,
        timer.phase,
        timer.firing,
        member.id,
        timer.rule,
        now,
        `no ${rule.channel} for this member`,
      );
  }

  /**
   * Brings the member's next pending rule forward to now, after `fromRule` could not reach them.
   * Returns false when no rule is left (escalation steps still carry the lead on).
   */
  handOver(
    leadId: string,
    phase: Phase,
    firing: number,
    memberId: string,
    fromRule: number,
    now: number,
    reason: string,
  ): boolean {
    const member = this.rows.config()?.team.find((m) => m.id === memberId);
    if (!member) return false;
    const rules = rulesFor(member);
    for (let i = fromRule + 1; i < rules.length; i++) {
      if (
        this.rows.pullTimerForward(ruleKey(leadId, phase, firing, memberId, i), now) ||
        this.rows.hasTimer(ruleKey(leadId, phase, firing, memberId, i))
      ) {
        this.rows.addEvent(leadId, now, 'alert_fallback', {
          memberId,
          from: rules[fromRule]?.channel ?? null,
          to: rules[i]?.channel ?? null,
          reason,
        });
        return true;
      }
    }
    return false;
  }

  private queue(
    lead: Lead,
    config: SiteConfig,
    member: Member,
    channel: OutboxChannel,
    timer: TimerRow,
    now: number,
  ): 'queued' | 'unavailable' {
    const text: AlertTextArgs = {
      siteName: config.name,
      lead: lead.input,
      phase: timer.phase,
      firing: timer.firing,
      minutesWaiting: Math.max(0, Math.round((now - lead.clockStartsAt) / 60_000)),
      claimUrl: this.claimUrl(lead, member.id, now),
    };
    const targets = this.targets(channel, member);
    if (targets.length === 0) return 'unavailable';
    const step = policyFiring(lead.policy, 0, timer.firing)?.stepIndex ?? 0;
    const phaseKey = timer.phase === 'claim' ? '' : `${timer.phase}:`;
    for (const to of targets) {
      const queued = this.rows.enqueue({
        dedupe_key: `alert:${lead.id}:${phaseKey}${timer.firing}:${member.id}:${channel}:${to}`,
        lead_id: lead.id,
        kind: 'csr-alert',
        channel,
        to_addr: to,
        member_id: member.id,
        step,
        phase: timer.phase,
        firing: timer.firing,
        rule: timer.rule,
        urgent: lead.input.urgent ? 1 : 0,
        body: this.body(channel, text),
        next_attempt_at: now,
        created_at: now,
      });
      if (queued) {
        this.rows.addEvent(lead.id, now, 'alert_queued', {
          memberId: member.id,
          channel,
          step,
          phase: timer.phase,
          firing: timer.firing,
        });
      }
    }
    return 'queued';
  }

  /** Where a channel reaches this member; none means the channel is not available to them. */
  private targets(channel: OutboxChannel, member: Member): string[] {
    const dev = isDevMode(this.env);
    switch (channel) {
      case 'sms':
      case 'voice':
        return this.env.TWILIO_ACCOUNT_SID || dev ? [member.phone] : [];
      case 'email':
        return member.email && (this.env.RESEND_API_KEY || dev) ? [member.email] : [];
      case 'push':
        return this.env.VAPID_PRIVATE_KEY || dev
          ? this.rows.pushSubscriptions(member.id).map((s) => s.id)
          : [];
      case 'webhook':
        return [];
    }
  }

  private body(channel: OutboxChannel, text: AlertTextArgs): string {
    switch (channel) {
      case 'push':
        return pushAlertPayload(text);
      case 'voice':
        return voiceAlertText(text);
      case 'email':
        return emailAlert(text);
      default:
        return csrAlertBody(text);
    }
  }

  private claimUrl(lead: Lead, memberId: string, now: number): string {
    const origin = this.env.PUBLIC_ORIGIN ?? this.rows.getMeta('origin') ?? '';
    const site = this.rows.getMeta('site') ?? '';
    try {
      const keys = signingKeys(this.env.LINK_SIGNING_KEYS, isDevMode(this.env));
      const exp = Math.floor(now / 1000) + CLAIM_LINK_TTL_SECONDS;
      return `${origin}/c/${signClaim({ site, leadId: lead.id, memberId, exp }, keys)}`;
    } catch (err) {
      if (!(err instanceof SigningConfigError)) throw err;
      // The alert must still go out: without a signing key there is no link, only the lead.
      logError('claim link not signed', { reason: err.message });
      return '(claim link unavailable: LINK_SIGNING_KEYS not set)';
    }
  }
}
