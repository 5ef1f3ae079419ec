// Labelled controls with their inline error. Every control gets a real <label>; an error is
// linked with aria-describedby and flagged with aria-invalid so a screen reader reads it with
// the field, not only in the summary.
import type { ComponentChildren } from 'preact';
import type { FieldName } from './form-values';

export const fieldId = (name: FieldName) => `fc-${name}`;
const errorId = (name: FieldName) => `fc-${name}-error`;

/** aria attributes for a control that may carry an error (and an optional hint). */
export function ariaFor(name: FieldName, error: string | undefined, hintId?: string) {
  const ids = [hintId, error ? errorId(name) : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': ids || undefined,
  };
}

export function FieldError({ name, error }: { name: FieldName; error: string | undefined }) {
  return error ? (
    <p class="error" id={errorId(name)}>
      {error}
    </p>
  ) : null;
}

interface TextFieldProps {
  name: 'name' | 'phone' | 'email' | 'zip' | 'message';
  label: string;
  value: string;
  error: string | undefined;
  onValue: (value: string) => void;
  type?: 'text' | 'tel' | 'email';
  autoComplete?: string;
  inputMode?: 'text' | 'tel' | 'email';
  required?: boolean;
  multiline?: boolean;
  /** Marks the control the panel focuses when it opens. */
  first?: boolean;
  narrow?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { name, error } = props;
  const shared = {
    id: fieldId(name),
    name,
    value: props.value,
    required: props.required,
    'data-first': props.first ? '' : undefined,
    ...ariaFor(name, error),
  };
  return (
    <div class={props.narrow ? 'field narrow' : 'field'}>
      <label for={fieldId(name)}>
        {props.label}
        {props.required ? null : <span class="opt"> (optional)</span>}
      </label>
      {props.multiline ? (
        <textarea {...shared} rows={3} onInput={(e) => props.onValue(e.currentTarget.value)} />
      ) : (
        <input
          {...shared}
          type={props.type ?? 'text'}
          // Preact's typings accept a not-yet-narrowed text/tel/email type only beside `list`.
          list={undefined}
          autocomplete={props.autoComplete}
          inputMode={props.inputMode}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )}
      <FieldError name={name} error={error} />
    </div>
  );
}

interface CheckFieldProps {
  name: 'urgent' | 'smsConsent';
  checked: boolean;
  error: string | undefined;
  onChecked: (checked: boolean) => void;
  children: ComponentChildren;
  tone?: 'alert';
}

export function CheckField(props: CheckFieldProps) {
  const { name, error } = props;
  return (
    <div class={props.tone === 'alert' && props.checked ? 'check alert' : 'check'}>
      <input
        id={fieldId(name)}
        name={name}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChecked(e.currentTarget.checked)}
        {...ariaFor(name, error)}
      />
      <label for={fieldId(name)}>{props.children}</label>
      <FieldError name={name} error={error} />
    </div>
  );
}
