import type { LeadInput } from '../../shared/schemas';

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface AlertTextArgs {
  siteName: string;
  lead: LeadInput;
  /** claim: nobody has taken the lead; contact: it was claimed but nobody has reached them. */
  phase: 'claim' | 'contact';
  firing: number;
  minutesWaiting: number;
  claimUrl: string;
}

const headline = (a: AlertTextArgs): string => {
  if (a.phase === 'contact') return `NOT REACHED YET (${a.minutesWaiting} min) — ${a.siteName}`;
  return a.firing === 0
    ? `New lead for ${a.siteName}`
    : `STILL UNCLAIMED (${a.minutesWaiting} min) — ${a.siteName}`;
};

const detail = (lead: LeadInput): string =>
  [lead.urgent ? 'EMERGENCY' : null, lead.service, lead.zip].filter(Boolean).join(' · ');

/** The SMS a CSR gets: everything needed to decide and call, and the claim link. */
export function csrAlertBody(a: AlertTextArgs): string {
  const { lead } = a;
  const lines = [
    `${headline(a)}: ${clip(lead.name, 60)} ${lead.phone}`,
    detail(lead) || null,
    lead.message ? `“${clip(lead.message, 120)}”` : null,
    `Claim: ${a.claimUrl}`,
    // Claiming by reply works on the shared number, so say so.
    'Reply 1 to claim.',
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}

/** Web Push payload: the notification opens the claim link (marked so the open counts). */
export function pushAlertPayload(a: AlertTextArgs): string {
  return JSON.stringify({
    title: `${headline(a)}${a.lead.urgent ? ' — EMERGENCY' : ''}`,
    body: [clip(a.lead.name, 60), a.lead.service, a.lead.message ? clip(a.lead.message, 100) : null]
      .filter(Boolean)
      .join(' · '),
    url: `${a.claimUrl}?via=push`,
    tag: `lead-${a.firing}`,
    urgent: Boolean(a.lead.urgent),
  });
}

/** What the alert call reads out before asking for 1. */
export function voiceAlertText(a: AlertTextArgs): string {
  const what = [
    a.lead.urgent ? 'an emergency' : 'a new lead',
    a.lead.service ? `for ${a.lead.service}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return `${a.siteName} has ${what} from ${clip(a.lead.name, 60)}${a.firing > 0 ? `, waiting ${a.minutesWaiting} minutes` : ''}. ${
    a.lead.message ? `They wrote: ${clip(a.lead.message, 160)}. ` : ''
  }Press 1 to claim it and be connected.`;
}

export function emailAlert(a: AlertTextArgs): string {
  return JSON.stringify({
    subject: `${headline(a)}: ${clip(a.lead.name, 60)}${a.lead.urgent ? ' (EMERGENCY)' : ''}`,
    text: `${csrAlertBody(a)}\n`,
  });
}
