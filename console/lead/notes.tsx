// The team's own notes on a lead. They are timeline entries, so they show there too.
import { useState } from 'preact/hooks';
import type { ConsoleLeadDetail } from '../../shared/schemas';
import { ApiFailure, post } from '../api';
import { dateTime } from '../time';

interface Props {
  detail: ConsoleLeadDetail;
  timeZone: string;
  onSaved: () => void;
}

export function Notes({ detail, timeZone, onSaved }: Props) {
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notes = detail.timeline.filter((e) => e.type === 'note').reverse();

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await post(`/leads/${encodeURIComponent(detail.item.id)}/notes`, { text });
      setText('');
      onSaved();
    } catch (err) {
      setError(err instanceof ApiFailure ? (err.fields.text ?? err.message) : 'Not saved');
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      <form class="note-form" onSubmit={save}>
        <label class="sr-only" for="note-text">
          New note
        </label>
        <textarea
          id="note-text"
          rows={2}
          maxLength={2000}
          placeholder="Gate code, best time to call, what they said…"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'note-error' : undefined}
        />
        <button type="submit" class="btn" disabled={saving || text.trim() === ''}>
          {saving ? 'Saving…' : 'Add note'}
        </button>
        {error && (
          <p id="note-error" class="field-error">
            {error}
          </p>
        )}
      </form>
      {notes.length > 0 && (
        <ul class="notes">
          {notes.map((n, i) => (
            <li key={`${n.at}-${i}`}>
              <p class="quote">{String(n.text ?? '')}</p>
              <p class="muted small">
                {detail.memberNames[String(n.memberId)] ?? String(n.memberId)} ·{' '}
                {dateTime(n.at, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
