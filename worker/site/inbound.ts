// What arrives from Twilio: texts from CSRs ("1" claims their latest alert) and homeowners
// (STOP/START/HELP are honoured, anything else goes on the lead's timeline), keys pressed on an
// alert call, and delivery receipts.
import { transition } from '../core/lifecycle';
import { connectTwiml, sayTwiml } from '../notify/twiml';
import { displayPhone } from '../phone';
import type { MemberAlerts } from './member-alerts';
import type { Rows } from './rows';
import type { ClaimOutcome } from './views';

const CLAIM = /^(1|Y|YES|CLAIM)$/;
const STOP = /^(STOP|STOPALL|STOP ALL|UNSUBSCRIBE|CANCEL|END|QUIT|OPTOUT|REVOKE)$/;
const START = /^(START|UNSTOP|YES)$/;
const HELP = /^(HELP|INFO)$/;
/** Call outcomes and message states after which the member was not reached. */
const NOT_REACHED = new Set(['failed', 'undelivered', 'no-answer', 'busy', 'canceled']);

type Claim = (leadId: string, memberId: string, now: number) => ClaimOutcome;

export class Inbound {
  constructor(
    private readonly rows: Rows,
    private readonly alerts: MemberAlerts,
    private readonly claim: Claim,
    private readonly transaction: (fn: () => void) => void,
  ) {}

  /** Returns the text to answer with, or null for no answer. */
  sms(from: string, body: string, now: number): string | null {
    const config = this.rows.config();
    if (!config) return null;
    const word = body
      .trim()
      .toUpperCase()
      .replace(/[.!]+$/, '');
    const member = config.team.find((m) => m.phone === from);
    if (member) {
      if (!CLAIM.test(word)) return 'Reply 1 to claim the lead you were last alerted about.';
      const latest = this.rows.latestOpenAlertTo(from);
      if (!latest) return 'Nothing is waiting for a claim right now.';
      return this.claimReply(this.claim(latest.lead_id, member.id, now));
    }
    const leadId = this.rows.latestLeadFrom(from);
    if (STOP.test(word) || START.test(word)) {
      const out = STOP.test(word);
      this.transaction(() => {
        this.rows.setOptOut(from, out, now);
        if (leadId)
          this.rows.addEvent(leadId, now, out ? 'sms_opt_out' : 'sms_opt_in', { keyword: word });
      });
      // Twilio confirms STOP and START itself; a second confirmation would only confuse.
      return null;
    }
    if (HELP.test(word)) {
      if (leadId) this.rows.addEvent(leadId, now, 'sms_help', {});
      return `${config.name}: we have your service request. Call us at ${displayPhone(config.phone)}. Reply STOP to opt out.`;
    }
    if (leadId) {
      this.transaction(() => {
        this.rows.addEvent(leadId, now, 'homeowner_reply', {
          channel: 'sms',
          body: body.slice(0, 1600),
        });
        // A reply to a claimed lead means the homeowner is in touch: the contact clock stops.
        const lead = this.rows.lead(leadId);
        if (lead?.status === 'claimed' && transition(lead.status, { type: 'contacted' }).ok) {
          this.rows.setContacted(leadId, now);
          this.rows.addEvent(leadId, now, 'contacted', { via: 'sms_reply' });
        }
      });
    }
    return null;
  }

  private claimReply(result: ClaimOutcome): string {
    if (result.outcome === 'claimed' || result.outcome === 'yours') {
      const { lead } = result.view;
      return `Claimed: ${lead.name} ${displayPhone(lead.phone)}. Call them now.`;
    }
    if (result.outcome === 'taken')
      return `${result.view.claimedByName} already has ${result.view.lead.name}.`;
    if (result.outcome === 'closed') return 'That lead is closed.';
    return 'That lead is no longer available.';
  }

  /** The key pressed on an alert call, as TwiML: 1 claims and connects, anything else moves on. */
  voice(
    leadId: string,
    memberId: string,
    outboxId: number,
    digits: string,
    now: number,
    dialAction: string,
  ): string {
    if (digits === '1') {
      const result = this.claim(leadId, memberId, now);
      if (result.outcome === 'claimed' || result.outcome === 'yours') {
        return connectTwiml(
          `Claimed. Connecting you to ${result.view.lead.name}.`,
          result.view.lead.phone,
          dialAction,
        );
      }
      if (result.outcome === 'taken')
        return sayTwiml(`${result.view.claimedByName} already has this lead. Goodbye.`);
      return sayTwiml('This lead can no longer be claimed. Goodbye.');
    }
    this.transaction(() => {
      this.rows.addEvent(leadId, now, 'call_declined', { memberId, digits });
      this.moveOn(outboxId, now, 'call declined');
    });
    return sayTwiml('Okay. We will alert someone else. Goodbye.');
  }

  /** The CSR's call to the homeowner was answered and talked through: the homeowner is reached. */
  callConnected(leadId: string, memberId: string, seconds: number, now: number): void {
    this.transaction(() => {
      const lead = this.rows.lead(leadId);
      if (!lead) return;
      this.rows.addEvent(leadId, now, 'call_connected', { memberId, seconds });
      if (lead.status === 'claimed' && transition(lead.status, { type: 'contacted' }).ok) {
        this.rows.setContacted(leadId, now);
        this.rows.addEvent(leadId, now, 'contacted', { via: 'call', memberId });
      }
    });
  }

  /** A provider's delivery receipt; an alert that did not reach the member moves to their next channel. */
  status(outboxId: number, status: string, errorCode: string | undefined, now: number): boolean {
    const row = this.rows.outboxRow(outboxId);
    if (!row) return false;
    if (row.delivery_status === status) return true;
    this.transaction(() => {
      this.rows.setDeliveryStatus(outboxId, status);
      this.rows.addEvent(row.lead_id, now, 'delivery_status', {
        memberId: row.member_id,
        channel: row.channel,
        kind: row.kind,
        status,
        ...(errorCode ? { errorCode } : {}),
      });
      if (NOT_REACHED.has(status)) this.moveOn(outboxId, now, `${row.channel} ${status}`);
    });
    return true;
  }

  private moveOn(outboxId: number, now: number, reason: string): void {
    const row = this.rows.outboxRow(outboxId);
    if (row?.kind !== 'csr-alert' || !row.member_id || row.firing === null || row.rule === null)
      return;
    this.alerts.handOver(row.lead_id, row.phase, row.firing, row.member_id, row.rule, now, reason);
  }
}
