// widget-form.js entry: the loader imports this module on first open and calls `mount` once.
import { createRef, render } from 'preact';
import type { FormContext, FormHandle } from '../form-contract';
import { LeadPanel } from './lead-panel';

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
