import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** E.164 form of a phone number, or null when it is not a valid number. */
export function toE164(raw: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** For logs: never a full phone number. */
export function maskPhone(e164: string): string {
  return e164.length > 6 ? `${e164.slice(0, 3)}…${e164.slice(-2)}` : '…';
}
