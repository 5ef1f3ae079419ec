import type { LeadInput } from '../../shared/schemas';

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The SMS a CSR gets: everything needed to decide and call, and the claim link. */
export function csrAlertBody(args: {
  siteName: string;
  lead: LeadInput;
  firing: number;
  minutesWaiting: number;
  claimUrl: string;
}): string {
  const { lead } = args;
  const head =
    args.firing === 0
      ? `New lead for ${args.siteName}`
      : `STILL UNCLAIMED (${args.minutesWaiting} min) — ${args.siteName}`;
  const detail = [lead.urgent ? 'EMERGENCY' : null, lead.service, lead.zip]
    .filter(Boolean)
    .join(' · ');
  const lines = [
    `${head}: ${clip(lead.name, 60)} ${lead.phone}`,
    detail || null,
    lead.message ? `“${clip(lead.message, 120)}”` : null,
    `Claim: ${args.claimUrl}`,
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}
