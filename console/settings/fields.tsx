// Form pieces shared by the settings tabs: labelled fields whose error is tied to the input
// (aria-invalid, aria-describedby), and the save bar that reports the result.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FieldErrors, SaveResult } from './use-site-config';

let counter = 0;
const nextId = () => `f${++counter}`;

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (props: {
    id: string;
    'aria-invalid'?: boolean;
    'aria-describedby'?: string;
  }) => ComponentChildren;
}

export function Field({ label, error, hint, children }: FieldProps) {
  const [id] = useState(nextId);
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} class="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function TextInput(props: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'tel' | 'email' | 'number';
  maxLength?: number;
  autoComplete?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      {(a) => (
        <input
          {...a}
          type={props.type ?? 'text'}
          // Preact's typings accept a not-yet-narrowed input type only beside `list`.
          list={undefined}
          value={props.value}
          maxLength={props.maxLength}
          autoComplete={props.autoComplete ?? 'off'}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The first error under a path prefix (e.g. every error of "team.2"). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

export function SaveBar({
  onSave,
  label = 'Save',
}: {
  onSave: () => Promise<SaveResult>;
  label?: string;
}) {
  const [state, setState] = useState<{ saving: boolean; message: string | null; ok: boolean }>({
    saving: false,
    message: null,
    ok: false,
  });
  return (
    <div class="save-bar">
      <button
        type="submit"
        class="btn btn-primary"
        disabled={state.saving}
        onClick={async (e) => {
          e.preventDefault();
          setState({ saving: true, message: null, ok: false });
          const result = await onSave();
          setState({
            saving: false,
            ok: result.ok,
            message: result.ok ? 'Saved' : result.message,
          });
        }}
      >
        {state.saving ? 'Saving…' : label}
      </button>
      <span class={state.ok ? 'saved' : 'field-error'} role="status">
        {state.message}
      </span>
    </div>
  );
}
