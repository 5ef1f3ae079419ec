// The request form: collects the lead, sends it with retries, and turns every answer into
// something the homeowner can act on (fix a field, or just call). A lead that can't get through
// now waits in the outbox and the form says so; the server's later answer lands here too.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LeadCreated, LeadInput } from '../../shared/schemas';
import { pageAttribution } from '../attribution';
import { siteEndpoint } from '../endpoints';
import type { FormContext } from '../form-contract';
import { announceLead } from '../host-events';
import { ContactChoice, ServiceSelect } from './choice-fields';
import { displayPhone, telHref } from './display-phone';
import { CheckField, FieldError, TextField } from './fields';
import {
  checkObvious,
  EMPTY_VALUES,
  FIELD_LABELS,
  FIELD_ORDER,
  type FieldErrors,
  type FieldName,
  type FormValues,
  fromLeadInput,
  isFieldName,
  toLeadInput,
} from './form-values';
import { Honeypot } from './honeypot';
import { newIdempotencyKey } from './idempotency-key';
import { onOutboxAnswer, pendingLead, queueLead } from './lead-outbox';
import { QueuedNotice, type QueuedState } from './queued-notice';
import { type SubmitOutcome, submitLead } from './submit-lead';
import { useTurnstile } from './turnstile';

type Problem =
  | { kind: 'fields'; errors: FieldErrors; extra: string[] }
  | { kind: 'refused'; message?: string };

/** The most fillMs the server takes; a form left open longer is simply "slow", not a bot. */
const MAX_FILL_MS = 86_400_000;

interface LeadFormProps {
  ctx: FormContext;
  /** The server accepted the lead (the host page has already been told). */
  onCreated: (lead: LeadCreated) => void;
  onDone: () => void;
}

export function LeadForm({ ctx, onCreated, onDone }: LeadFormProps) {
  const { config } = ctx;
  // A lead still waiting from an earlier page is this form's: showing it as on its way, rather
  // than an empty form, keeps the homeowner from typing it in again as a second lead.
  const [waiting] = useState(() => pendingLead(ctx.site));
  const [values, setValues] = useState(() =>
    waiting ? fromLeadInput(JSON.parse(waiting.body) as LeadInput) : EMPTY_VALUES,
  );
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState<QueuedState | undefined>(
    waiting && { offline: !navigator.onLine, saved: true },
  );
  // One key per filled-in form, kept across retries and the outbox, so however often the
  // request goes out, at most one lead exists.
  const idempotencyKey = useRef(waiting?.key ?? newIdempotencyKey());
  // The form module is mounted when the panel first opens.
  const openedAt = useRef(Date.now());
  const honeypot = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const focusAfterRender = useRef<string | undefined>(undefined);

  useLayoutEffect(() => {
    const selector = focusAfterRender.current;
    focusAfterRender.current = undefined;
    if (selector) form.current?.querySelector<HTMLElement>(selector)?.focus();
  });

  const errors = problem?.kind === 'fields' ? problem.errors : {};
  // Editing a field answers its error: a stale message next to a fixed field misleads.
  const clearError = (key: FieldName) =>
    setProblem((prev) => {
      if (prev?.kind !== 'fields' || !prev.errors[key]) return prev;
      const { [key]: _fixed, ...errors } = prev.errors;
      return Object.keys(errors).length || prev.extra.length ? { ...prev, errors } : undefined;
    });
  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]) => {
      setValues((prev) => ({ ...prev, [key]: value }));
      clearError(key);
    };
  const turnstile = useTurnstile(
    ctx.host,
    config.turnstile,
    () => clearError('turnstileToken'),
    // Blocked or offline: the server would refuse every lead, so point to the phone right away.
    () => setProblem({ kind: 'refused', message: "The robot check didn't load." }),
  );

  function showFieldErrors(fieldErrors: FieldErrors, extra: string[]): void {
    setProblem({ kind: 'fields', errors: fieldErrors, extra });
    const first = FIELD_ORDER.find((name) => fieldErrors[name]);
    // The slotted Turnstile has no control in the shadow root: the summary takes focus for it.
    focusAfterRender.current =
      first && first !== 'turnstileToken' ? `[name="${first}"]` : '.alert-box';
  }

  /** The server's final answer about this form's lead, sent just now or from the outbox. */
  function settle(outcome: Exclude<SubmitOutcome, { kind: 'unreachable' }>): void {
    if (outcome.kind === 'created') {
      onCreated(outcome.lead);
      return;
    }
    // A definite no means no lead was stored under this key: the corrected form is a new try.
    idempotencyKey.current = newIdempotencyKey();
    if (outcome.kind !== 'invalid') {
      setProblem({ kind: 'refused', message: outcome.kind === 'refused' ? outcome.message : '' });
      focusAfterRender.current = '.alert-box';
      return;
    }
    // Turnstile tokens are single-use: whatever the server did with this one, ask for another.
    if (outcome.fields.turnstileToken) turnstile.reset();
    const fieldErrors: FieldErrors = {};
    const extra: string[] = [];
    for (const [key, message] of Object.entries(outcome.fields)) {
      if (isFieldName(key)) fieldErrors[key] = message;
      else extra.push(message);
    }
    if (Object.keys(fieldErrors).length === 0 && extra.length === 0) extra.push(outcome.message);
    showFieldErrors(fieldErrors, extra);
  }

  // Refs and state setters only, so the first render's handler stays good for the form's life.
  useEffect(
    () =>
      onOutboxAnswer((key, outcome) => {
        if (key !== idempotencyKey.current || outcome.kind === 'unreachable') return;
        setQueued(undefined);
        settle(outcome);
      }),
    [],
  );

  function queue(body: string): void {
    const saved = queueLead(ctx, idempotencyKey.current, body);
    setQueued({ offline: !navigator.onLine, saved });
  }

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (sending) return;
    const obvious = checkObvious(values);
    if (Object.keys(obvious).length > 0) return showFieldErrors(obvious, []);
    setProblem(undefined);
    const input = toLeadInput(values, pageAttribution(), {
      website: honeypot.current?.value ?? '',
      fillMs: Math.min(Date.now() - openedAt.current, MAX_FILL_MS),
      // Left out when missing: the server's answer then names the check the homeowner skipped.
      turnstileToken: turnstile.token,
    });
    // The same text for every try and the outbox: the server binds the key to this body.
    const body = JSON.stringify(input);
    // Known to be offline: say so now rather than after a round of doomed tries.
    if (!navigator.onLine) return queue(body);
    setSending(true);
    const url = siteEndpoint(ctx.origin, ctx.site, 'leads');
    let outcome = await submitLead(url, body, idempotencyKey.current);
    if (outcome.kind === 'conflict') {
      // An earlier try did arrive, then the homeowner changed the form: what they send now is
      // a new lead, and the worker's dedupe still covers this one's own retries.
      idempotencyKey.current = newIdempotencyKey();
      outcome = await submitLead(url, body, idempotencyKey.current);
    }
    setSending(false);
    if (outcome.kind === 'unreachable') return queue(body);
    if (outcome.kind === 'created') announceLead(ctx.host, outcome.lead, input);
    settle(outcome);
  }

  if (queued) return <QueuedNotice {...queued} config={config} onDone={onDone} />;

  return (
    <form ref={form} class="form" noValidate onSubmit={(e) => void onSubmit(e)}>
      <TextField
        name="name"
        label="Your name"
        autoComplete="name"
        required
        first
        value={values.name}
        error={errors.name}
        onValue={set('name')}
      />
      <TextField
        name="phone"
        label="Mobile phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        required
        value={values.phone}
        error={errors.phone}
        onValue={set('phone')}
      />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        value={values.email}
        error={errors.email}
        onValue={set('email')}
      />
      {config.services.length > 0 ? (
        <ServiceSelect
          services={config.services}
          value={values.service}
          error={errors.service}
          onValue={set('service')}
        />
      ) : null}
      <TextField
        name="zip"
        label="ZIP code"
        autoComplete="postal-code"
        narrow
        value={values.zip}
        error={errors.zip}
        onValue={set('zip')}
      />
      <TextField
        name="message"
        label="What's wrong?"
        multiline
        value={values.message}
        error={errors.message}
        onValue={set('message')}
      />
      <CheckField
        name="urgent"
        tone="alert"
        checked={values.urgent}
        error={errors.urgent}
        onChecked={set('urgent')}
      >
        <strong>This is an emergency</strong>
        {values.urgent ? (
          <span class="hint">
            If you smell gas or see smoke or sparks, get everyone out and call 911 first.
          </span>
        ) : null}
      </CheckField>
      <ContactChoice
        value={values.preferredContact}
        error={errors.preferredContact}
        onValue={set('preferredContact')}
      />
      <CheckField
        name="smsConsent"
        checked={values.smsConsent}
        error={errors.smsConsent}
        onChecked={set('smsConsent')}
      >
        <span class="consent">{config.consentText}</span>
      </CheckField>
      <Honeypot inputRef={honeypot} />
      {config.turnstile ? (
        <div class="field">
          <slot name="turnstile" />
          <FieldError name="turnstileToken" error={errors.turnstileToken} />
        </div>
      ) : null}

      <div class="send">
        {/* Always in the DOM, so filling it is announced (a live region added with its text is not). */}
        <div role="alert" class={problem ? 'alert-box' : 'alert-box empty'} tabIndex={-1}>
          {problem?.kind === 'fields' ? (
            <>
              <strong>
                Please check{' '}
                {FIELD_ORDER.filter((n) => errors[n]).length + problem.extra.length > 1
                  ? 'these'
                  : 'this'}
                :
              </strong>
              <ul>
                {FIELD_ORDER.filter((name) => errors[name]).map((name) => (
                  <li key={name}>
                    {FIELD_LABELS[name]}: {errors[name]}
                  </li>
                ))}
                {problem.extra.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </>
          ) : problem ? (
            <>
              <strong>
                {problem.kind === 'refused' && problem.message
                  ? problem.message
                  : "We couldn't send your request."}
              </strong>{' '}
              Please call us at <a href={telHref(config.phone)}>{displayPhone(config.phone)}</a>.
            </>
          ) : null}
        </div>
        <p class="status" role="status">
          {sending ? 'Sending your request…' : ''}
        </p>
        <button type="submit" class="primary" aria-disabled={sending ? 'true' : undefined}>
          {sending ? 'Sending…' : 'Send request'}
        </button>
      </div>
    </form>
  );
}
