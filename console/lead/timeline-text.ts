// One line of plain text per timeline entry, for people rather than for machines. The entries'
// fields come from the server's timeline (worker/site/*), and what a homeowner wrote (a reply)
// stays text: the caller renders the string as a text node.
import type { ConsoleTimelineEntry } from '../../shared/schemas';
import { dateTime } from '../time';

const CHANNEL: Record<string, string> = {
  sms: 'text',
  voice: 'phone call',
  push: 'push notification',
  email: 'email',
  webhook: 'webhook',
};

const OUTCOME: Record<string, string> = {
  reached: 'Reached',
  no_answer: 'No answer',
  booked: 'Booked',
  lost: 'Lost',
  spam: 'Spam',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function describe(
  e: ConsoleTimelineEntry,
  names: Record<string, string>,
  timeZone: string,
): string {
  const who = (id: unknown) => (typeof id === 'string' ? (names[id] ?? id) : 'Someone');
  const channel = (c: unknown) => CHANNEL[String(c)] ?? String(c ?? 'message');
  const step = typeof e.step === 'number' ? ` (step ${e.step + 1})` : '';
  switch (e.type) {
    case 'received':
      return e.afterHours ? 'Lead received after hours' : 'Lead received';
    case 'sms_consent':
      return 'Agreed to receive texts';
    case 'assigned':
      return `Assigned to ${who(e.memberId)}`;
    case 'ack_queued':
      return 'Acknowledgement text queued';
    case 'ack_sent':
      return 'Acknowledgement text sent to the homeowner';
    case 'ack_suppressed':
      return 'Acknowledgement not sent: the homeowner opted out of texts';
    case 'alert_queued':
      return `Alert to ${who(e.memberId)} by ${channel(e.channel)}${step}`;
    case 'alert_sent':
      return `Alert sent to ${who(e.memberId)} by ${channel(e.channel)}`;
    case 'alert_opened':
      return `${who(e.memberId)} opened the alert`;
    case 'alert_skipped':
      return `${channel(e.channel)} to ${who(e.memberId)} skipped: alert already opened`;
    case 'alert_fallback':
      return `${who(e.memberId)}: moved from ${channel(e.from)} to ${channel(e.to)} (${str(e.reason) ?? 'no answer'})`;
    case 'delivery_status':
      return `${channel(e.channel)} to ${who(e.memberId)}: ${str(e.status) ?? 'updated'}`;
    case 'delivery_failed':
      return `Could not reach ${who(e.memberId)} by ${channel(e.channel)} (${str(e.reason) ?? 'failed'})`;
    case 'escalated': {
      const targets = Array.isArray(e.targets) ? e.targets.map(who).join(', ') : 'the team';
      return `Still unclaimed after ${e.minutesWaiting ?? '?'} min: escalated to ${targets}`;
    }
    case 'claimed':
      return `Claimed by ${who(e.memberId)}${typeof e.secondsToClaim === 'number' ? ` after ${e.secondsToClaim} s` : ''}`;
    case 'contacted':
      return `${who(e.memberId)} reached the homeowner${typeof e.secondsToContact === 'number' ? ` (${Math.round(e.secondsToContact / 60)} min after the request)` : ''}`;
    case 'outcome': {
      const base = `${who(e.memberId)} recorded: ${OUTCOME[String(e.outcome)] ?? String(e.outcome)}`;
      const retry = str(e.retryAt);
      const at = str(e.appointmentAt);
      if (retry) return `${base}; call back ${dateTime(retry, timeZone)}`;
      if (at) return `${base} for ${dateTime(at, timeZone)}`;
      if (str(e.reason)) return `${base}: ${str(e.reason)}`;
      return base;
    }
    case 'note':
      return `Note from ${who(e.memberId)}`;
    case 'homeowner_reply':
      return 'The homeowner replied by text';
    case 'sms_opt_out':
      return 'The homeowner opted out of texts (STOP)';
    case 'sms_opt_in':
      return 'The homeowner opted back in to texts';
    case 'sms_help':
      return 'The homeowner asked for help by text';
    case 'call_declined':
      return `${who(e.memberId)} declined the alert call`;
    case 'spam_detected':
      return `Held as likely spam (${str(e.reason) ?? 'signals'}): nobody was alerted`;
    case 'push_subscription_removed':
      return `${who(e.memberId)}'s push subscription expired and was removed`;
    case 'test_lead':
      return `Test lead sent by ${who(e.memberId)}`;
    case 'webhook_sent':
      // The dispatcher names every send that is not an alert or acknowledgement this way.
      return e.channel === 'webhook'
        ? 'Webhook delivered'
        : `Reminder sent to ${who(e.memberId)} by ${channel(e.channel)}`;
    default:
      return e.type.replace(/[_.]/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }
}

/** The words a person wrote that belong under an entry: a note, a reply, an outcome's note. */
export function quoted(e: ConsoleTimelineEntry): string | null {
  if (e.type === 'note') return str(e.text);
  if (e.type === 'homeowner_reply') return str(e.body) ?? str(e.text);
  if (e.type === 'outcome') return str(e.note);
  return null;
}
