// Opening an invite link. The token is in the URL fragment (servers and link previews never see
// it); it is taken out of the address bar at once, then exchanged for a session.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleMe } from '../shared/schemas';
import { ApiFailure, post } from './api';
import { navigate } from './router';
import { SignedOut } from './signed-out';

export function JoinView({ onJoined }: { onJoined: (me: ConsoleMe) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const joined = useRef(onJoined);
  joined.current = onJoined;
  // Once: the token is single use, and it leaves the address bar on the first run.
  useEffect(() => {
    const token = location.hash.slice(1);
    history.replaceState(null, '', '/console/join');
    if (!token) {
      setProblem('This link is missing its code. Open the whole link from your message.');
      return;
    }
    post<ConsoleMe>('/session', { token })
      .then((me) => {
        joined.current(me);
        navigate('/console/', true);
      })
      .catch((err: unknown) =>
        setProblem(err instanceof ApiFailure ? err.message : 'Could not sign you in'),
      );
  }, []);
  if (problem) return <SignedOut message={problem} />;
  return (
    <main class="center">
      <p class="empty" aria-busy="true">
        Signing you in…
      </p>
    </main>
  );
}
