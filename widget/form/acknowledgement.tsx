// What the homeowner sees once the server accepted the lead. The message is the server's own
// `ack.message`, shown verbatim: only the server knows who is on call and what it promised.
import type { LeadCreated, PublicSiteConfig } from '../../shared/schemas';
import { displayPhone, telHref } from './display-phone';

interface AcknowledgementProps {
  lead: LeadCreated;
  config: PublicSiteConfig;
  onDone: () => void;
}

export function Acknowledgement({ lead, config, onDone }: AcknowledgementProps) {
  return (
    <div class="ack">
      <svg class="tick" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6 11-11-1.4-1.4z" />
      </svg>
      {/* Focused on success so screen readers start here; tabIndex -1 keeps it out of Tab order. */}
      <h3 id="fc-ack-title" tabIndex={-1} data-first="">
        Request sent
      </h3>
      <p class="ack-message">{lead.ack.message}</p>
      <p class="muted">
        Need us sooner? <a href={telHref(config.phone)}>Call {displayPhone(config.phone)}</a>
      </p>
      <button type="button" class="primary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
