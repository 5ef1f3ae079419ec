// Personal notification rules: which channels reach a member, when, and in what order.
import type { Member, NotificationRule } from '../../shared/schemas';

/**
 * For a member who sets nothing: push at once; a text 30 s later if the push was not opened
 * (at once when they have no push subscription, since an unavailable channel hands over to the
 * next); a phone call after 2 minutes for emergencies nobody has opened.
 */
export const DEFAULT_RULES: readonly NotificationRule[] = [
  { channel: 'push', afterSeconds: 0, urgentOnly: false, ifUnopened: true },
  { channel: 'sms', afterSeconds: 30, urgentOnly: false, ifUnopened: true },
  { channel: 'voice', afterSeconds: 120, urgentOnly: true, ifUnopened: true },
];

export function rulesFor(member: Pick<Member, 'notify'>): readonly NotificationRule[] {
  return member.notify ?? DEFAULT_RULES;
}

/** Indexes of the member's rules that apply to a lead, in order. */
export function applicableRules(rules: readonly NotificationRule[], urgent: boolean): number[] {
  return rules.flatMap((rule, i) => (rule.urgentOnly && !urgent ? [] : [i]));
}

export type RuleDecision = 'send' | 'skip_opened' | 'skip_closed';

/** Whether a rule whose time has come still sends: not for a closed lead or an opened alert. */
export function decideRule(
  rule: NotificationRule,
  state: { leadOpen: boolean; opened: boolean },
): RuleDecision {
  if (!state.leadOpen) return 'skip_closed';
  if (rule.ifUnopened && state.opened) return 'skip_opened';
  return 'send';
}
