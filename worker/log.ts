// The one way the worker writes logs: JSON lines with phone numbers, email addresses and
// anything that looks like a credential masked, whatever the message carries (provider errors
// quote the number they refused).

const PHONE = /\+?\d[\d\s().-]{6,}\d/g;
const EMAIL = /[^\s@"<>]+@[^\s@"<>]+\.[^\s@"<>]+/g;
const SECRET = /\b(Bearer\s+|Basic\s+|whsec_|re_|sk_|SK)[A-Za-z0-9+/=_.-]{6,}/g;

export function redact(text: string): string {
  return text
    .replace(SECRET, (m) => `${m.slice(0, Math.min(m.length, 7))}…`)
    .replace(EMAIL, (m) => `${m[0]}…@…`)
    .replace(PHONE, (m) => {
      const digits = m.replace(/\D/g, '');
      return digits.length < 7
        ? m
        : `${m.startsWith('+') ? '+' : ''}${digits.slice(0, 2)}…${digits.slice(-2)}`;
    });
}

export function logError(msg: string, fields: Record<string, unknown> = {}): void {
  console.error(redact(JSON.stringify({ level: 'error', msg, ...fields })));
}
