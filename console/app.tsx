// The console: who is signed in, the live queue, and which page to show. On a phone one thing
// at a time (queue, a lead, settings); on a laptop the queue stays on the left of a lead.
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleMe } from '../shared/schemas';
import { unlockSound } from './alerts';
import { ApiFailure, get, onSignedOut } from './api';
import { Console } from './context';
import { JoinView } from './join-view';
import { LeadView } from './lead/lead-view';
import { useLiveQueue } from './live/use-live-queue';
import { ArrivalNotice } from './queue/arrival-notice';
import { QueueView } from './queue/queue-view';
import { type Route, useRoute } from './router';
import { SignedOut } from './signed-out';
import { TopBar } from './top-bar';

// Owners' settings (and zod, which validates them) load only when opened.
const SettingsView = lazy(() => import('./settings/settings-view'));

type Session =
  | { state: 'loading' }
  | { state: 'out'; message?: string }
  | { state: 'in'; me: ConsoleMe };

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  useEffect(() => onSignedOut(() => setSession({ state: 'out' })), []);
  useEffect(() => {
    if (route.name === 'join' || session.state !== 'loading') return;
    get<ConsoleMe>('/me')
      .then((me) => setSession({ state: 'in', me }))
      .catch((err: unknown) =>
        setSession({
          state: 'out',
          message:
            err instanceof ApiFailure && err.status !== 401
              ? `The console could not load: ${err.message}`
              : undefined,
        }),
      );
  }, [route.name, session.state]);

  // Browsers allow sound only after a touch or key press on the page.
  useEffect(() => {
    const unlock = () => unlockSound();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  if (route.name === 'join' && session.state !== 'in')
    return <JoinView onJoined={(me) => setSession({ state: 'in', me })} />;
  if (session.state === 'loading')
    return (
      <main class="center">
        <p class="empty">Loading…</p>
      </main>
    );
  if (session.state === 'out') return <SignedOut message={session.message} />;
  return <SignedIn me={session.me} route={route} setMe={(me) => setSession({ state: 'in', me })} />;
}

function SignedIn({
  me,
  route,
  setMe,
}: {
  me: ConsoleMe;
  route: Route;
  setMe: (me: ConsoleMe) => void;
}) {
  const live = useLiveQueue();
  const selected = route.name === 'lead' ? route.id : null;
  return (
    <Console.Provider
      value={{
        me,
        setMe,
        live: live.snapshot,
        apply: live.apply,
        arrivals: live.arrivals,
        dismissArrivals: live.dismissArrivals,
      }}
    >
      <a class="skip" href="#main">
        Skip to content
      </a>
      <TopBar />
      {route.name === 'settings' ? (
        <main id="main" class="page">
          <Suspense fallback={<p class="empty">Loading settings…</p>}>
            <SettingsView tab={route.tab} />
          </Suspense>
        </main>
      ) : (
        <main id="main" class={`split${selected ? ' has-lead' : ''}`}>
          <div class="split-queue">
            <QueueView selectedId={selected} />
          </div>
          <div class="split-lead">
            {selected ? (
              <LeadView key={selected} id={selected} />
            ) : (
              <p class="empty pick">Pick a lead to see everything about it.</p>
            )}
          </div>
        </main>
      )}
      <ArrivalNotice />
    </Console.Provider>
  );
}
