// What the loader hands to the lazily loaded form module (widget-form.js) and what it gets back.
// Both sides are built separately, so this interface is their only link; keep it small.
import type { PublicSiteConfig } from '../shared/schemas';

/** Where leads that could not be sent wait on the device, one list per site (form/lead-outbox.ts). */
export const outboxKey = (site: string) => `firstcall:outbox:${site}`;

/** What sending queued leads needs: no config, so the loader can ask before the config arrives. */
export interface OutboxContext {
  /** The <firstcall-widget> element: host events are dispatched on it. */
  host: HTMLElement;
  origin: string;
  site: string;
}

export interface FormContext extends OutboxContext {
  /** Element inside the shadow root the form renders into. */
  slot: HTMLElement;
  config: PublicSiteConfig;
  /** Called after the panel closed, so the loader can put focus back on the launcher. */
  onClosed: () => void;
}

export interface FormHandle {
  open: () => void;
}

export interface FormModule {
  mount: (ctx: FormContext) => FormHandle;
  /** Sends the leads waiting in the outbox; the loader calls it whenever one could get through. */
  flushOutbox: (ctx: OutboxContext) => void;
}
