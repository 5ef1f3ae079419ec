import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** E.164 form of a phone number, or null when it is not a valid number. */
export function toE164(raw: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** A number as a person reads it: national format, e.g. (617) 555-0142. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}
