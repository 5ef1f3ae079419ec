// Cheap bot signals from the form itself. A spam lead is kept (and reported) but alerts nobody;
// the answer looks like any other so a bot learns nothing from it.
import type { LeadInput } from '../../shared/schemas';

/** A person needs longer than this to type a name and a phone number. */
export const MIN_FILL_MS = 1500;

export type SpamReason = 'honeypot' | 'too_fast';

export function spamReason(input: Pick<LeadInput, 'website' | 'fillMs'>): SpamReason | null {
  if (input.website && input.website.trim() !== '') return 'honeypot';
  if (input.fillMs !== undefined && input.fillMs < MIN_FILL_MS) return 'too_fast';
  return null;
}
