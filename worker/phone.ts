import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** E.164 form of a phone number, or null when it is not a valid number. */
export function toE164(raw: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** For logs: never a full phone number. */
export function maskPhone(e164: string): string {
  return e164.length > 6 ? `${e164.slice(0, 3)}…${e164.slice(-2)}` : '…';
}

/** A number as a person reads it: national format, e.g. (617) 555-0142. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}
