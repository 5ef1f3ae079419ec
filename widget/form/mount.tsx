// widget-form.js entry: the loader imports this module on first open and calls `mount` once,
// and on any page where a lead waits in the outbox, to send it (`flushOutbox`).
import { createRef, render } from 'preact';
import type { FormContext, FormHandle } from '../form-contract';
import { LeadPanel } from './lead-panel';

export { flushOutbox } from './lead-outbox';

export function mount(ctx: FormContext): FormHandle {
  const dialog = createRef<HTMLDialogElement>();
  render(<LeadPanel ctx={ctx} dialog={dialog} />, ctx.slot);
  return {
    open() {
      const el = dialog.current;
      if (!el || el.open) return;
      el.showModal();
      // The first field while filling in, the acknowledgement heading once sent.
      el.querySelector<HTMLElement>('[data-first]')?.focus();
    },
  };
}
