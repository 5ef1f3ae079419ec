// Who gets a new lead and who hears about it while nobody claims it: the on-call rotation (each
// lead goes to the next person in turn) and the escalation steps, checked with the same schema
// as the API. A change applies from the next lead; leads already waiting keep their steps.
import { useState } from 'preact/hooks';
import type { ConsoleConfigView, NotifyTarget } from '../../shared/schemas';
import { errorAt, Field, SaveBar } from './fields';
import type { FieldErrors, SiteConfigState } from './use-site-config';

interface Step {
  afterSeconds: number;
  notify: NotifyTarget[];
}

const minutes = (s: number) => Math.round((s / 60) * 100) / 100;

export function EscalationTab({
  config,
  view,
}: {
  config: SiteConfigState;
  view: ConsoleConfigView;
}) {
  const team = view.config.team;
  const nameOf = (id: string) => team.find((m) => m.id === id)?.name ?? id;
  const [onCall, setOnCall] = useState<string[]>(view.config.onCall);
  const [steps, setSteps] = useState<Step[]>(view.config.escalation.steps);
  const [repeat, setRepeat] = useState(String(view.config.escalation.repeat));
  const [gap, setGap] = useState(
    view.config.escalation.repeatIntervalSeconds
      ? String(minutes(view.config.escalation.repeatIntervalSeconds))
      : '',
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const targets: Array<[NotifyTarget, string]> = [
    ['assignee', 'The person the lead was assigned to'],
    ['on-call', 'Everyone in the rotation'],
    ...team.map((m): [NotifyTarget, string] => [m.id, m.name]),
  ];

  const move = (i: number, by: number) =>
    setOnCall((list) => {
      const next = [...list];
      const [id] = next.splice(i, 1);
      if (id !== undefined) next.splice(i + by, 0, id);
      return next;
    });
  const setStep = (i: number, change: Partial<Step>) =>
    setSteps((list) => list.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const toggle = (i: number, target: NotifyTarget, on: boolean) =>
    setSteps((list) =>
      list.map((s, j) =>
        j !== i
          ? s
          : { ...s, notify: on ? [...s.notify, target] : s.notify.filter((t) => t !== target) },
      ),
    );

  async function save() {
    const result = await config.save({
      onCall,
      escalation: {
        steps,
        repeat: Number(repeat),
        ...(gap.trim() ? { repeatIntervalSeconds: Math.round(Number(gap) * 60) } : {}),
      },
    });
    setErrors(result.ok ? {} : result.fields);
    return result;
  }

  const notInRotation = team.filter((m) => !onCall.includes(m.id));
  return (
    <form class="stack" onSubmit={(e) => e.preventDefault()}>
      <section class="panel" aria-labelledby="rotation-title">
        <h2 id="rotation-title">On-call rotation</h2>
        <p class="muted small">Each new lead goes to the next person on this list, in turn.</p>
        <ol class="rotation">
          {onCall.map((id, i) => (
            <li key={id}>
              <span>{nameOf(id)}</span>
              {view.offDuty.includes(id) && <span class="badge badge-off">Off duty</span>}
              <span class="row-actions">
                <button
                  type="button"
                  class="btn btn-quiet"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${nameOf(id)} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="btn btn-quiet"
                  disabled={i === onCall.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${nameOf(id)} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  class="btn btn-quiet"
                  onClick={() => setOnCall((l) => l.filter((x) => x !== id))}
                  aria-label={`Take ${nameOf(id)} out of the rotation`}
                >
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
        {errorAt(errors, 'onCall') && <p class="field-error">{errorAt(errors, 'onCall')}</p>}
        {notInRotation.length > 0 && (
          <Field label="Add to the rotation">
            {(a) => (
              <select
                {...a}
                value=""
                onChange={(e) => {
                  const id = e.currentTarget.value;
                  if (id) setOnCall((l) => [...l, id]);
                }}
              >
                <option value="">Choose a member…</option>
                {notInRotation.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </section>

      <section class="panel" aria-labelledby="steps-title">
        <h2 id="steps-title">Escalation while nobody claims the lead</h2>
        <p class="muted small">
          Times count from when the response clock starts (the opening time, for leads that arrive
          after hours). A claim stops everything.
        </p>
        <ol class="steps">
          {steps.map((step, i) => (
            <li key={i} class="step">
              <fieldset>
                <legend>Step {i + 1}</legend>
                <Field
                  label="Minutes after the lead arrives"
                  error={
                    errors[`escalation.steps.${i}.afterSeconds`] ??
                    (i === 0 ? errors['escalation.steps'] : undefined)
                  }
                >
                  {(a) => (
                    <input
                      {...a}
                      type="number"
                      min={0}
                      step={0.5}
                      value={minutes(step.afterSeconds)}
                      onInput={(e) =>
                        setStep(i, { afterSeconds: Math.round(Number(e.currentTarget.value) * 60) })
                      }
                    />
                  )}
                </Field>
                <fieldset class="targets bare">
                  <legend class="targets-label">
                    <span class="sr-only">Step {i + 1}: </span>Who to alert
                  </legend>
                  {targets.map(([t, label]) => (
                    <label class="check" key={t}>
                      <input
                        type="checkbox"
                        checked={step.notify.includes(t)}
                        onChange={(e) => toggle(i, t, e.currentTarget.checked)}
                      />
                      {label}
                    </label>
                  ))}
                  {errorAt(errors, `escalation.steps.${i}.notify`) && (
                    <span class="field-error">
                      {errorAt(errors, `escalation.steps.${i}.notify`)}
                    </span>
                  )}
                </fieldset>
                {steps.length > 1 && (
                  <button
                    type="button"
                    class="btn btn-quiet"
                    onClick={() => setSteps((l) => l.filter((_, j) => j !== i))}
                  >
                    Remove step {i + 1}
                  </button>
                )}
              </fieldset>
            </li>
          ))}
        </ol>
        {steps.length < 10 && (
          <button
            type="button"
            class="btn"
            onClick={() =>
              setSteps((l) => [
                ...l,
                { afterSeconds: (l[l.length - 1]?.afterSeconds ?? 0) + 120, notify: ['on-call'] },
              ])
            }
          >
            Add a step
          </button>
        )}
        <div class="grid-2">
          <Field label="Repeat the last step (times)" error={errors['escalation.repeat']}>
            {(a) => (
              <input
                {...a}
                type="number"
                min={0}
                max={20}
                value={repeat}
                onInput={(e) => setRepeat(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            label="Minutes between repeats"
            error={errors['escalation.repeatIntervalSeconds']}
            hint="Empty: the gap before the last step (at least 1 minute)."
          >
            {(a) => (
              <input
                {...a}
                type="number"
                min={0.5}
                step={0.5}
                value={gap}
                onInput={(e) => setGap(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </section>
      <SaveBar onSave={save} label="Save escalation" />
    </form>
  );
}
