// The form's state as typed by the homeowner, the few checks the browser makes before sending
// (only the obvious: the server is the authority on what is valid), and the wire payload.
import type { LeadInput } from '../../shared/schemas';
import type { Attribution } from '../attribution';

export interface FormValues {
  name: string;
  phone: string;
  email: string;
  service: string;
  zip: string;
  message: string;
  urgent: boolean;
  preferredContact: 'call' | 'text';
  smsConsent: boolean;
}

/** The typed fields, plus the Turnstile check the server may refuse like any other field. */
export type FieldName = keyof FormValues | 'turnstileToken';
export type FieldErrors = Partial<Record<FieldName, string>>;

export const EMPTY_VALUES: FormValues = {
  name: '',
  phone: '',
  email: '',
  service: '',
  zip: '',
  message: '',
  urgent: false,
  preferredContact: 'call',
  smsConsent: false,
};

/** Field order on screen: the first invalid one in this order gets focus. */
export const FIELD_ORDER: readonly FieldName[] = [
  'name',
  'phone',
  'email',
  'service',
  'zip',
  'message',
  'urgent',
  'preferredContact',
  'smsConsent',
  'turnstileToken',
];

/** Short names for the error summary. */
export const FIELD_LABELS: Record<FieldName, string> = {
  name: 'Name',
  phone: 'Mobile phone',
  email: 'Email',
  service: 'Service',
  zip: 'ZIP code',
  message: "What's wrong",
  urgent: 'Emergency',
  preferredContact: 'Preferred contact',
  smsConsent: 'Text message consent',
  turnstileToken: 'Robot check',
};

export function isFieldName(key: string): key is FieldName {
  return key in EMPTY_VALUES || key === 'turnstileToken';
}

export function checkObvious(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Please enter your name.';
  if (!values.phone.trim()) errors.phone = 'Please enter a mobile number we can reach you on.';
  return errors;
}

/** The spam signals sent with every lead; the server judges them (Turnstile's out loud). */
export interface SpamSignals {
  /** The honeypot's value: people never see it, so anything in it was typed by a bot. */
  website: string;
  /** Milliseconds from the form opening to this submit: a person needs a few seconds. */
  fillMs: number;
  /** Proof the Turnstile check passed, on sites that turned it on. */
  turnstileToken?: string;
}

export function toLeadInput(values: FormValues, page: Attribution, spam: SpamSignals): LeadInput {
  // Empty optional fields are left out rather than sent as "", so the lead reads cleanly.
  const optional = (value: string) => value.trim() || undefined;
  return {
    name: values.name.trim(),
    phone: values.phone.trim(),
    email: optional(values.email),
    service: optional(values.service),
    zip: optional(values.zip),
    message: optional(values.message),
    urgent: values.urgent,
    preferredContact: values.preferredContact,
    smsConsent: values.smsConsent,
    page,
    ...spam,
  };
}

/** The form as it was when a lead was queued, so a refused one can be corrected, not retyped. */
export function fromLeadInput(input: LeadInput): FormValues {
  return {
    name: input.name,
    phone: input.phone,
    email: input.email ?? '',
    service: input.service ?? '',
    zip: input.zip ?? '',
    message: input.message ?? '',
    urgent: input.urgent === true,
    preferredContact: input.preferredContact ?? 'call',
    smsConsent: input.smsConsent,
  };
}
