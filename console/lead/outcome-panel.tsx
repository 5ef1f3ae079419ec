// Recording what happened on the call. "Reached" is what stops the speed-to-lead clock; "no
// answer" sets a time to try again (the member gets a reminder then); "booked" keeps the
// appointment; "lost" needs a reason; "spam" closes the lead and stops its alerts.
import { useState } from 'preact/hooks';
import type { Outcome, OutcomeInput, QueueItem } from '../../shared/schemas';
import { ApiFailure, post } from '../api';
import { useConsole } from '../context';
import { zonedInputToIso } from '../time';

const CHOICES: ReadonlyArray<{ id: Outcome; label: string }> = [
  { id: 'reached', label: 'Reached' },
  { id: 'no_answer', label: 'No answer' },
  { id: 'booked', label: 'Booked' },
  { id: 'lost', label: 'Lost' },
  { id: 'spam', label: 'Spam' },
];

const RETRY: ReadonlyArray<[number, string]> = [
  [15, 'in 15 minutes'],
  [30, 'in 30 minutes'],
  [60, 'in 1 hour'],
  [120, 'in 2 hours'],
  [24 * 60, 'tomorrow, same time'],
];

const LOST: readonly string[] = [
  'Went with another company',
  'Price',
  'No longer needed',
  'Outside our service area',
  'Could not reach them',
];

interface Props {
  item: QueueItem;
  onSaved: (item: QueueItem) => void;
}

export function OutcomePanel({ item, onSaved }: Props) {
  const { me } = useConsole();
  const [choice, setChoice] = useState<Outcome | null>(null);
  const [retry, setRetry] = useState(30);
  const [when, setWhen] = useState('');
  const [reason, setReason] = useState(LOST[0] ?? '');
  const [otherReason, setOtherReason] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unclaimed = item.status === 'received' || item.status === 'alerted';
  const choices = unclaimed ? CHOICES.filter((c) => c.id === 'spam') : CHOICES;

  function input(): OutcomeInput | null {
    const n = note.trim() || undefined;
    switch (choice) {
      case 'reached':
      case 'spam':
        return { outcome: choice, note: n };
      case 'no_answer':
        return { outcome: 'no_answer', retryInMinutes: retry, note: n };
      case 'booked': {
        const at = zonedInputToIso(when, me.timeZone);
        if (!at) {
          setErrors({ appointmentAt: 'Pick the appointment day and time' });
          return null;
        }
        return { outcome: 'booked', appointmentAt: at, note: n };
      }
      case 'lost':
        return { outcome: 'lost', reason: reason === 'Other' ? otherReason : reason, note: n };
      default:
        return null;
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    const body = input();
    if (!body) return;
    setSaving(true);
    setErrors({});
    try {
      onSaved(await post<QueueItem>(`/leads/${encodeURIComponent(item.id)}/outcome`, body));
      setChoice(null);
      setNote('');
    } catch (err) {
      setErrors(
        err instanceof ApiFailure
          ? { ...err.fields, _: err.message }
          : { _: 'Not saved; try again' },
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{unclaimed ? 'Not a real lead?' : 'How did it go?'}</h2>
      <fieldset class="choice-row bare">
        <legend class="sr-only">Outcome</legend>
        {choices.map((c) => (
          <button
            key={c.id}
            type="button"
            class={`chip chip-${c.id}`}
            aria-pressed={choice === c.id}
            onClick={() => {
              setChoice(choice === c.id ? null : c.id);
              setErrors({});
            }}
          >
            {c.label}
          </button>
        ))}
      </fieldset>
      {choice && (
        <form class="outcome-form" onSubmit={save}>
          {choice === 'no_answer' && (
            <label class="field">
              <span>Try again</span>
              <select value={retry} onChange={(e) => setRetry(Number(e.currentTarget.value))}>
                {RETRY.map(([minutes, label]) => (
                  <option key={minutes} value={minutes}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {choice === 'booked' && (
            <label class="field">
              <span>Appointment ({me.timeZone.replace(/_/g, ' ')})</span>
              <input
                type="datetime-local"
                required
                value={when}
                onInput={(e) => setWhen(e.currentTarget.value)}
                aria-invalid={errors.appointmentAt ? true : undefined}
              />
              {errors.appointmentAt && <span class="field-error">{errors.appointmentAt}</span>}
            </label>
          )}
          {choice === 'lost' && (
            <>
              <label class="field">
                <span>Why</span>
                <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
                  {[...LOST, 'Other'].map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </label>
              {reason === 'Other' && (
                <label class="field">
                  <span>Reason</span>
                  <input
                    value={otherReason}
                    maxLength={200}
                    required
                    onInput={(e) => setOtherReason(e.currentTarget.value)}
                  />
                </label>
              )}
              {errors.reason && <span class="field-error">{errors.reason}</span>}
            </>
          )}
          <label class="field">
            <span>Note (optional)</span>
            <input value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          {errors._ && (
            <p class="field-error" role="alert">
              {errors._}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : `Save: ${CHOICES.find((c) => c.id === choice)?.label}`}
          </button>
        </form>
      )}
    </section>
  );
}
