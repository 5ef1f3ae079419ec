// The dialog around the form. A native modal <dialog> gives the behaviour a keyboard and screen
// reader user expects for free: it sits in the top layer (above any z-index on the host page),
// makes the page behind inert, keeps Tab inside, and closes on Escape.
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { LeadCreated } from '../../shared/schemas';
import type { FormContext } from '../form-contract';
import { Acknowledgement } from './acknowledgement';
import { LeadForm } from './lead-form';
import { PANEL_CSS } from './panel-styles';

interface LeadPanelProps {
  ctx: FormContext;
  dialog: RefObject<HTMLDialogElement | null>;
}

export function LeadPanel({ ctx, dialog }: LeadPanelProps) {
  const { config } = ctx;
  const [lead, setLead] = useState<LeadCreated | undefined>();
  const close = () => dialog.current?.close();

  useLayoutEffect(() => {
    if (lead) dialog.current?.querySelector<HTMLElement>('#fc-ack-title')?.focus();
  }, [lead]);

  return (
    <>
      <style>{PANEL_CSS}</style>
      <dialog ref={dialog} class="dlg" aria-labelledby="fc-title" onClose={ctx.onClosed}>
        <div class="panel">
          <header class="head">
            <div>
              <h2 id="fc-title">{config.name}</h2>
              <p>
                {config.openNow
                  ? `Open now. A real person gets back to you within ${config.responseMinutes} minutes.`
                  : "Tell us what's going on and we'll get back to you."}
              </p>
            </div>
            <button type="button" class="x" aria-label="Close" onClick={close}>
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z" />
              </svg>
            </button>
          </header>
          <div class="body">
            {lead ? (
              <Acknowledgement lead={lead} config={config} onDone={close} />
            ) : (
              <LeadForm ctx={ctx} onCreated={setLead} onDone={close} />
            )}
          </div>
        </div>
      </dialog>
    </>
  );
}
