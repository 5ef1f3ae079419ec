// What the loader hands to the lazily loaded form module (widget-form.js) and what it gets back.
// Both sides are built separately, so this interface is their only link; keep it small.
import type { PublicSiteConfig } from '../shared/schemas';

export interface FormContext {
  /** The <firstcall-widget> element: host events are dispatched on it. */
  host: HTMLElement;
  /** Element inside the shadow root the form renders into. */
  slot: HTMLElement;
  origin: string;
  site: string;
  config: PublicSiteConfig;
  /** Called after the panel closed, so the loader can put focus back on the launcher. */
  onClosed: () => void;
}

export interface FormHandle {
  open: () => void;
}

export interface FormModule {
  mount: (ctx: FormContext) => FormHandle;
}
