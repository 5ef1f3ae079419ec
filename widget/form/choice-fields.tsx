// The two pick-one controls: the service list and how the homeowner wants to be reached.
import { ariaFor, FieldError, fieldId } from './fields';
import type { FormValues } from './form-values';

interface ServiceSelectProps {
  services: readonly string[];
  value: string;
  error: string | undefined;
  onValue: (value: string) => void;
}

export function ServiceSelect({ services, value, error, onValue }: ServiceSelectProps) {
  return (
    <div class="field">
      <label for={fieldId('service')}>
        Service<span class="opt"> (optional)</span>
      </label>
      <select
        id={fieldId('service')}
        name="service"
        value={value}
        onChange={(e) => onValue(e.currentTarget.value)}
        {...ariaFor('service', error)}
      >
        <option value="">Choose one…</option>
        {services.map((service) => (
          <option key={service} value={service}>
            {service}
          </option>
        ))}
      </select>
      <FieldError name="service" error={error} />
    </div>
  );
}

type Contact = FormValues['preferredContact'];
const CONTACT_OPTIONS: readonly [Contact, string][] = [
  ['call', 'Call me'],
  ['text', 'Text me'],
];

interface ContactChoiceProps {
  value: Contact;
  error: string | undefined;
  onValue: (value: Contact) => void;
}

export function ContactChoice({ value, error, onValue }: ContactChoiceProps) {
  return (
    <fieldset class="choice" {...ariaFor('preferredContact', error)}>
      <legend>How should we reach you?</legend>
      <div class="pills">
        {CONTACT_OPTIONS.map(([option, label]) => (
          <label key={option} class="pill">
            <input
              type="radio"
              name="preferredContact"
              value={option}
              checked={value === option}
              onChange={() => onValue(option)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      <FieldError name="preferredContact" error={error} />
    </fieldset>
  );
}
