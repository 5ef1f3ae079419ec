// Events the widget fires on its <firstcall-widget> element for the host page (analytics tags,
// conversion pixels). They bubble and are composed, so `document.addEventListener(...)` works:
//
//   firstcall:open            the homeowner opened the request form        detail: {}
//   firstcall:call-click      the homeowner tapped "Call now"              detail: {}
//   firstcall:lead-submitted  the server accepted a lead                   detail: { leadId, service?, urgent }
//                             (for a lead sent later from the outbox: when the server took it,
//                             on whichever page of the site was open then)
//
// Details never carry personal data (name, phone, email, message): host pages forward these to
// third-party analytics, and the homeowner agreed to be contacted by the contractor, not by them.
import type { LeadCreated, LeadInput } from '../shared/schemas';

export interface HostEventMap {
  'firstcall:open': Record<string, never>;
  'firstcall:call-click': Record<string, never>;
  'firstcall:lead-submitted': { leadId: string; service?: string; urgent: boolean };
}

export function emitHostEvent<K extends keyof HostEventMap>(
  host: HTMLElement,
  type: K,
  detail: HostEventMap[K],
): void {
  host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** `firstcall:lead-submitted` from the lead as sent (any personal data in it stays here). */
export function announceLead(
  host: HTMLElement,
  lead: LeadCreated,
  input: Pick<LeadInput, 'service' | 'urgent'>,
): void {
  emitHostEvent(host, 'firstcall:lead-submitted', {
    leadId: lead.leadId,
    service: input.service,
    urgent: input.urgent === true,
  });
}
