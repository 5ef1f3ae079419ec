// Opening hours per weekday, in the site's time zone; a closed day is left out.
import { type Hours, WEEKDAYS, type Weekday } from '../../shared/schemas';
import { errorAt } from './fields';
import type { FieldErrors } from './use-site-config';

const DAY: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function HoursEditor(p: {
  hours: Hours;
  onChange: (h: Hours) => void;
  errors: FieldErrors;
}) {
  const set = (day: Weekday, value: { open: string; close: string } | null) =>
    p.onChange({ ...p.hours, [day]: value });
  return (
    <fieldset class="hours">
      <legend>Opening hours</legend>
      {WEEKDAYS.map((day) => {
        const h = p.hours[day] ?? null;
        const error = errorAt(p.errors, `hours.${day}`);
        return (
          <div class="hours-row" key={day}>
            <label class="check">
              <input
                type="checkbox"
                checked={h !== null}
                onChange={(e) =>
                  set(day, e.currentTarget.checked ? { open: '08:00', close: '17:00' } : null)
                }
              />
              {DAY[day]}
            </label>
            {h ? (
              <>
                <input
                  type="time"
                  aria-label={`${DAY[day]} opens`}
                  value={h.open}
                  onInput={(e) => set(day, { ...h, open: e.currentTarget.value })}
                />
                <span aria-hidden="true">–</span>
                <input
                  type="time"
                  aria-label={`${DAY[day]} closes`}
                  value={h.close}
                  onInput={(e) => set(day, { ...h, close: e.currentTarget.value })}
                />
              </>
            ) : (
              <span class="muted">Closed</span>
            )}
            {error && <span class="field-error">{error}</span>}
          </div>
        );
      })}
    </fieldset>
  );
}
