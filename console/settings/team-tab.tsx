// The team: who they are, their roles and alert rules, invites, and signing a member out
// everywhere. Removing a member also takes them out of the on-call rotation and the escalation
// steps, so the change is valid as a whole.
import { useState } from 'preact/hooks';
import type { ConsoleConfigView, Member } from '../../shared/schemas';
import { ApiFailure, call } from '../api';
import { useConsole } from '../context';
import { InvitePanel } from './invite-panel';
import { MemberEditor } from './member-editor';
import type { FieldErrors, SiteConfigState } from './use-site-config';

const ROLE = { owner: 'Owner', manager: 'Manager', csr: 'CSR' } as const;

type Config = ConsoleConfigView['config'];

export function withoutMember(
  config: Config,
  id: string,
): Partial<Omit<Config, 'webhooks' | 'turnstile'>> {
  return {
    team: config.team.filter((m) => m.id !== id),
    onCall: config.onCall.filter((m) => m !== id),
    escalation: {
      ...config.escalation,
      steps: config.escalation.steps.map((s) => {
        const notify = s.notify.filter((t) => t !== id);
        return { ...s, notify: notify.length ? notify : ['on-call'] };
      }),
    },
  };
}

export function TeamTab({ config, view }: { config: SiteConfigState; view: ConsoleConfigView }) {
  const { me } = useConsole();
  const team = view.config.team;
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [inviting, setInviting] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const owner = me.member.role === 'owner';
  const mayEdit = (m: Member) => owner || m.role !== 'owner';

  async function saveMember(member: Member) {
    const exists = team.some((m) => m.id === member.id);
    const next = exists ? team.map((m) => (m.id === member.id ? member : m)) : [...team, member];
    const result = await config.save({ team: next });
    if (result.ok) {
      setEditing(null);
      setErrors({});
      setMessage(exists ? `${member.name} saved.` : `${member.name} added. Send them an invite.`);
      if (!exists) setInviting(member.id);
    } else {
      setErrors(result.fields);
      setMessage(result.message);
    }
  }

  async function remove(member: Member) {
    const result = await config.save(withoutMember(view.config, member.id));
    setConfirm(null);
    setMessage(result.ok ? `${member.name} removed and signed out.` : result.message);
  }

  async function signOutEverywhere(member: Member) {
    try {
      const { ended } = await call<{ ended: number }>(
        'DELETE',
        `/members/${encodeURIComponent(member.id)}/sessions`,
      );
      setMessage(`${member.name} signed out of ${ended} device${ended === 1 ? '' : 's'}.`);
    } catch (err) {
      setMessage(err instanceof ApiFailure ? err.message : 'Not signed out');
    }
  }

  const editIndex =
    editing === 'new' ? team.length : editing ? team.findIndex((m) => m.id === editing.id) : -1;

  return (
    <div class="stack">
      <p class="status-line" role="status">
        {message}
      </p>
      <ul class="members">
        {team.map((m) => (
          <li key={m.id} class="panel member">
            <div class="member-head">
              <div>
                <strong>{m.name}</strong> <span class={`role role-${m.role}`}>{ROLE[m.role]}</span>
                {view.config.onCall.includes(m.id) && <span class="badge">On call</span>}
                {view.offDuty.includes(m.id) && <span class="badge badge-off">Off duty</span>}
                <p class="muted small">
                  {m.phone}
                  {m.email ? ` · ${m.email}` : ''}
                  {m.notify ? ` · ${m.notify.length} alert steps` : ' · default alerts'}
                </p>
              </div>
              {mayEdit(m) && (
                <div class="member-actions">
                  <button type="button" class="btn" onClick={() => setEditing(m)}>
                    Edit
                  </button>
                  <button type="button" class="btn" onClick={() => setInviting(m.id)}>
                    Invite
                  </button>
                  <button type="button" class="btn btn-quiet" onClick={() => signOutEverywhere(m)}>
                    Sign out everywhere
                  </button>
                  {m.id !== me.member.id &&
                    (confirm === m.id ? (
                      <button type="button" class="btn btn-danger" onClick={() => remove(m)}>
                        Remove {m.name}?
                      </button>
                    ) : (
                      <button type="button" class="btn btn-quiet" onClick={() => setConfirm(m.id)}>
                        Remove
                      </button>
                    ))}
                </div>
              )}
            </div>
            {inviting === m.id && <InvitePanel member={m} onClose={() => setInviting(null)} />}
            {editing !== 'new' && editing?.id === m.id && (
              <MemberEditor
                member={m}
                index={editIndex}
                canMakeOwner={owner}
                taken={new Set(team.map((t) => t.id))}
                errors={errors}
                onSave={saveMember}
                onCancel={() => setEditing(null)}
              />
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <MemberEditor
          member={null}
          index={editIndex}
          canMakeOwner={owner}
          taken={new Set(team.map((t) => t.id))}
          errors={errors}
          onSave={saveMember}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
          Add a member
        </button>
      )}
    </div>
  );
}
