// Inviting a member: the link goes out by text or email through the outbox, and is also shown
// to copy (for handing over in person, or when messages are not set up yet).
import { useState } from 'preact/hooks';
import type { InviteCreated, Member } from '../../shared/schemas';
import { ApiFailure, post } from '../api';
import { CopyButton } from './copy-button';

export function InvitePanel({ member, onClose }: { member: Member; onClose: () => void }) {
  const [invite, setInvite] = useState<InviteCreated | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function send(via: 'sms' | 'email' | 'none') {
    setProblem(null);
    try {
      setInvite(await post<InviteCreated>('/invites', { memberId: member.id, send: via }));
    } catch (err) {
      setProblem(err instanceof ApiFailure ? err.message : 'Invite not created');
    }
  }

  return (
    <section class="invite" aria-label={`Invite ${member.name}`}>
      {!invite ? (
        <>
          <p>
            A sign-in link for <strong>{member.name}</strong>. It works once and expires in 72
            hours; a newer invite replaces it.
          </p>
          <div class="choice-row">
            <button type="button" class="btn btn-primary" onClick={() => send('sms')}>
              Text it to {member.phone}
            </button>
            {member.email && (
              <button type="button" class="btn" onClick={() => send('email')}>
                Email it
              </button>
            )}
            <button type="button" class="btn btn-quiet" onClick={() => send('none')}>
              Just show the link
            </button>
          </div>
        </>
      ) : (
        <>
          <p role="status">
            {invite.sentVia === 'sms'
              ? `Texted to ${member.phone}.`
              : invite.sentVia === 'email'
                ? `Emailed to ${member.email}.`
                : 'Here is the link.'}{' '}
            You can also copy it:
          </p>
          <div class="copy-row">
            <input readOnly value={invite.url} aria-label="Invite link" class="mono" />
            <CopyButton text={invite.url} />
          </div>
        </>
      )}
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" class="btn btn-quiet" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
