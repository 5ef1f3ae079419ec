// The request form: collects the lead, sends it with retries, and turns every answer into
// something the homeowner can act on (fix a field, try again, or just call).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LeadCreated } from '../../shared/schemas';
import { pageAttribution } from '../attribution';
import { siteEndpoint } from '../endpoints';
import type { FormContext } from '../form-contract';
import { ContactChoice, ServiceSelect } from './choice-fields';
import { displayPhone, telHref } from './display-phone';
import { CheckField, TextField } from './fields';
import {
  checkObvious,
  EMPTY_VALUES,
  FIELD_LABELS,
  FIELD_ORDER,
  type FieldErrors,
  type FormValues,
  isFieldName,
  toLeadInput,
} from './form-values';
import { newIdempotencyKey } from './idempotency-key';
import { submitLead } from './submit-lead';

type Problem =
  | { kind: 'fields'; errors: FieldErrors; extra: string[] }
  | { kind: 'unreachable' | 'refused'; message?: string };

interface LeadFormProps {
  ctx: FormContext;
  onCreated: (lead: LeadCreated, values: FormValues) => void;
}

export function LeadForm({ ctx, onCreated }: LeadFormProps) {
  const { config } = ctx;
  const [values, setValues] = useState(EMPTY_VALUES);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [sending, setSending] = useState(false);
  // One key per filled-in form, kept across retries and resubmits after a network failure,
  // so however often the homeowner presses Send, at most one lead exists.
  const idempotencyKey = useRef(newIdempotencyKey());
  const form = useRef<HTMLFormElement>(null);
  const focusAfterRender = useRef<string | undefined>(undefined);

  useLayoutEffect(() => {
    const selector = focusAfterRender.current;
    focusAfterRender.current = undefined;
    if (selector) form.current?.querySelector<HTMLElement>(selector)?.focus();
  });

  const errors = problem?.kind === 'fields' ? problem.errors : {};
  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]) => {
      setValues((prev) => ({ ...prev, [key]: value }));
      // Editing a field answers its error: a stale message next to a fixed field misleads.
      setProblem((prev) => {
        if (prev?.kind !== 'fields' || !prev.errors[key]) return prev;
        const { [key]: _fixed, ...errors } = prev.errors;
        return Object.keys(errors).length || prev.extra.length ? { ...prev, errors } : undefined;
      });
    };

  function showFieldErrors(fieldErrors: FieldErrors, extra: string[]): void {
    setProblem({ kind: 'fields', errors: fieldErrors, extra });
    const first = FIELD_ORDER.find((name) => fieldErrors[name]);
    focusAfterRender.current = first ? `[name="${first}"]` : '.alert-box';
  }

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (sending) return;
    const obvious = checkObvious(values);
    if (Object.keys(obvious).length > 0) return showFieldErrors(obvious, []);
    setSending(true);
    setProblem(undefined);
    const send = () =>
      submitLead(
        siteEndpoint(ctx.origin, ctx.site, 'leads'),
        toLeadInput(values, pageAttribution()),
        idempotencyKey.current,
      );
    let outcome = await send();
    if (outcome.kind === 'conflict') {
      // An earlier try did arrive, then the homeowner changed the form: what they send now is
      // a new lead, and the worker's dedupe still covers this one's own retries.
      idempotencyKey.current = newIdempotencyKey();
      outcome = await send();
    }
    setSending(false);
    if (outcome.kind === 'created') return onCreated(outcome.lead, values);
    if (outcome.kind === 'unreachable' || outcome.kind === 'conflict') {
      setProblem({ kind: 'unreachable' });
      focusAfterRender.current = '.alert-box';
      return;
    }
    // A definite no means no lead was stored under this key: the corrected form is a new try.
    idempotencyKey.current = newIdempotencyKey();
    if (outcome.kind === 'refused') {
      setProblem({ kind: 'refused', message: outcome.message });
      focusAfterRender.current = '.alert-box';
      return;
    }
    const fieldErrors: FieldErrors = {};
    const extra: string[] = [];
    for (const [key, message] of Object.entries(outcome.fields)) {
      if (isFieldName(key)) fieldErrors[key] = message;
      else extra.push(message);
    }
    if (Object.keys(fieldErrors).length === 0 && extra.length === 0) extra.push(outcome.message);
    showFieldErrors(fieldErrors, extra);
  }

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
              Please call us at <a href={telHref(config.phone)}>{displayPhone(config.phone)}</a>
              {problem.kind === 'unreachable' ? ' or try again in a moment.' : '.'}
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
