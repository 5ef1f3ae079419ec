// Adding or editing one team member: name, phone, email, role and their personal notification
// rules (or the defaults). Errors come from the same schema the API uses, by field path.
import { useState } from 'preact/hooks';
import type { AlertChannel, Member, MemberRole, NotificationRule } from '../../shared/schemas';
import { errorAt, Field, TextInput } from './fields';
import type { FieldErrors } from './use-site-config';

const CHANNELS: ReadonlyArray<[AlertChannel, string]> = [
  ['push', 'Push notification'],
  ['sms', 'Text message'],
  ['voice', 'Phone call'],
  ['email', 'Email'],
];

const DEFAULT_RULES: NotificationRule[] = [
  { channel: 'push', afterSeconds: 0, urgentOnly: false, ifUnopened: true },
  { channel: 'sms', afterSeconds: 30, urgentOnly: false, ifUnopened: true },
  { channel: 'voice', afterSeconds: 120, urgentOnly: true, ifUnopened: true },
];

/** A member id from a name: lowercase, dashes, unique in the team. */
export function idFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36) || 'member';
  let id = base === 'assignee' || base === 'on-call' ? `${base}-1` : base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

interface Props {
  member: Member | null;
  index: number;
  canMakeOwner: boolean;
  taken: ReadonlySet<string>;
  errors: FieldErrors;
  onSave: (member: Member) => void;
  onCancel: () => void;
}

export function MemberEditor(p: Props) {
  const [name, setName] = useState(p.member?.name ?? '');
  const [phone, setPhone] = useState(p.member?.phone ?? '');
  const [email, setEmail] = useState(p.member?.email ?? '');
  const [role, setRole] = useState<MemberRole>(p.member?.role ?? 'csr');
  const [rules, setRules] = useState<NotificationRule[] | null>(p.member?.notify ?? null);
  const at = (field: string) => errorAt(p.errors, `team.${p.index}.${field}`);
  const setRule = (i: number, change: Partial<NotificationRule>) =>
    setRules((list) => (list ?? []).map((r, j) => (j === i ? { ...r, ...change } : r)));

  function submit(event: Event) {
    event.preventDefault();
    const member: Member = {
      id: p.member?.id ?? idFor(name, p.taken),
      name: name.trim(),
      phone: phone.trim(),
      role,
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(rules ? { notify: rules } : {}),
    };
    p.onSave(member);
  }

  return (
    <form
      class="panel editor"
      onSubmit={submit}
      aria-label={p.member ? `Edit ${p.member.name}` : 'Add a member'}
    >
      <h3>{p.member ? `Edit ${p.member.name}` : 'Add a member'}</h3>
      <div class="grid-2">
        <TextInput label="Name" value={name} onInput={setName} error={at('name')} maxLength={80} />
        <TextInput
          label="Mobile phone"
          type="tel"
          value={phone}
          onInput={setPhone}
          error={at('phone')}
          hint="Alerts and the invite link are texted here."
        />
        <TextInput
          label="Email (optional)"
          type="email"
          value={email}
          onInput={setEmail}
          error={at('email')}
        />
        <Field label="Role" error={at('role')}>
          {(a) => (
            <select
              {...a}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as MemberRole)}
            >
              <option value="csr">CSR: works leads</option>
              <option value="manager">Manager: also runs the team and settings</option>
              {(p.canMakeOwner || role === 'owner') && <option value="owner">Owner</option>}
            </select>
          )}
        </Field>
      </div>
      <fieldset class="rules">
        <legend>How to alert them</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={rules === null}
            onChange={(e) => setRules(e.currentTarget.checked ? null : DEFAULT_RULES)}
          />
          Use the defaults: push at once, a text after 30 s if unopened, a call after 2 min for
          emergencies
        </label>
        {rules?.map((rule, i) => (
          <div class="rule" key={i}>
            <Field label={`Step ${i + 1}`} error={at(`notify.${i}`)}>
              {(a) => (
                <select
                  {...a}
                  value={rule.channel}
                  onChange={(e) => setRule(i, { channel: e.currentTarget.value as AlertChannel })}
                >
                  {CHANNELS.map(([c, label]) => (
                    <option key={c} value={c}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="After (seconds)">
              {(a) => (
                <input
                  {...a}
                  type="number"
                  min={0}
                  max={3600}
                  value={rule.afterSeconds}
                  onInput={(e) => setRule(i, { afterSeconds: Number(e.currentTarget.value) })}
                />
              )}
            </Field>
            <label class="check">
              <input
                type="checkbox"
                checked={rule.urgentOnly}
                onChange={(e) => setRule(i, { urgentOnly: e.currentTarget.checked })}
              />
              Emergencies only
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={rule.ifUnopened}
                onChange={(e) => setRule(i, { ifUnopened: e.currentTarget.checked })}
              />
              Only if unopened
            </label>
            <button
              type="button"
              class="btn btn-quiet"
              onClick={() => setRules((list) => (list ?? []).filter((_, j) => j !== i))}
              aria-label={`Remove step ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        {rules && rules.length < 10 && (
          <button
            type="button"
            class="btn btn-quiet"
            onClick={() =>
              setRules((list) => [
                ...(list ?? []),
                { channel: 'sms', afterSeconds: 60, urgentOnly: false, ifUnopened: true },
              ])
            }
          >
            Add a step
          </button>
        )}
      </fieldset>
      <div class="save-bar">
        <button type="submit" class="btn btn-primary">
          {p.member ? 'Save' : 'Add to the team'}
        </button>
        <button type="button" class="btn btn-quiet" onClick={p.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
