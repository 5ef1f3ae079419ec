import { esc, page } from './html';

const LABELS: Record<string, string> = {
  name: 'Your name',
  phone: 'Mobile phone',
  email: 'Email',
  zip: 'ZIP code',
  service: 'Service',
  preferredContact: 'Preferred contact',
  smsConsent: 'Text consent',
};

/** The hosted thank-you page for a plain form without its own redirect. */
export const formThanksPage = (message: string): string =>
  page('Request sent', `<div class="card"><h1>Request sent</h1><p>${esc(message)}</p></div>`);

export function formErrorPage(fields: Record<string, string>): string {
  const items = Object.entries(fields)
    .map(([k, v]) => `<li><strong>${esc(LABELS[k] ?? k)}</strong>: ${esc(v)}</li>`)
    .join('');
  return page(
    'Please check the form',
    `<div class="card"><h1>Please check the form</h1><ul>${items}</ul><p>Go back, correct these and send it again.</p></div>`,
  );
}
