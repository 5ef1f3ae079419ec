// Shown instead of the form while the homeowner's request waits on the device to be sent (see
// lead-outbox.ts): plainly what happened, what will happen, and the number for anyone who can't
// wait. When the server takes the request, the panel swaps this for the acknowledgement.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PublicSiteConfig } from '../../shared/schemas';
import { displayPhone, telHref } from './display-phone';

export interface QueuedState {
  /** The browser said it was offline when the request was queued (else the server failed). */
  offline: boolean;
  /** Kept in storage; false when it lives only as long as this page. */
  saved: boolean;
}

interface QueuedNoticeProps extends QueuedState {
  config: PublicSiteConfig;
  onDone: () => void;
}

function explain({ offline, saved }: QueuedState, name: string): string {
  const why = offline ? "You're offline." : `We can't reach ${name} right now.`;
  const when = offline ? "as soon as you're back online" : 'as soon as we can';
  return saved
    ? `${why} We saved your request on this device and will send it ${when}.`
    : `${why} We'll send your request ${when}, but this browser won't let us save it: if you close this page, it will be lost.`;
}

export function QueuedNotice({ config, onDone, ...state }: QueuedNoticeProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The Send button that had focus is gone; screen readers start again here.
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <div class="ack">
      <h3 ref={heading} id="fc-queued-title" tabIndex={-1} data-first="">
        Not sent yet
      </h3>
      <p class="ack-message">{explain(state, config.name)}</p>
      <p class="muted">
        Can't wait? <a href={telHref(config.phone)}>Call {displayPhone(config.phone)}</a>
      </p>
      <button type="button" class="primary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
