// The member's own settings: duty, alerts on this device (Web Push, with a test), sound, the
// places they are signed in, and signing out.
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleMe, ConsoleSessionInfo } from '../../shared/schemas';
import { setSoundWanted, soundWanted } from '../alerts';
import { ApiFailure, call, get, signalSignedOut } from '../api';
import { useConsole } from '../context';
import { dateTime } from '../time';
import { disablePush, enablePush, pushEnabled, pushSupported, sendTestPush } from './push';

const ROLE = { owner: 'Owner', manager: 'Manager', csr: 'CSR' } as const;

export function YouTab() {
  const { me, setMe } = useConsole();
  const [push, setPush] = useState<boolean | null>(null);
  const [pushMessage, setPushMessage] = useState<string | null>(null);
  const [sound, setSound] = useState(soundWanted());
  const [sessions, setSessions] = useState<ConsoleSessionInfo[] | null>(null);

  useEffect(() => {
    void pushEnabled().then(setPush);
    get<{ sessions: ConsoleSessionInfo[] }>(
      `/members/${encodeURIComponent(me.member.id)}/sessions`,
    ).then(
      (r) => setSessions(r.sessions),
      () => setSessions([]),
    );
  }, [me.member.id]);

  async function togglePush() {
    setPushMessage(null);
    try {
      if (push) await disablePush();
      else await enablePush(me.vapidPublicKey ?? '');
      setPush(!push);
      setPushMessage(push ? 'Alerts turned off on this device.' : 'This device will get alerts.');
    } catch (err) {
      setPushMessage(err instanceof Error ? err.message : 'Could not change alerts');
    }
  }

  async function test() {
    try {
      const { queued } = await sendTestPush();
      setPushMessage(`Test sent to ${queued} device${queued === 1 ? '' : 's'}.`);
    } catch (err) {
      setPushMessage(err instanceof ApiFailure ? err.message : 'Test not sent');
    }
  }

  const pushReason = !pushSupported()
    ? 'This browser cannot receive push alerts. On an iPhone, add the console to the home screen first.'
    : !me.vapidPublicKey
      ? 'Push alerts are not set up on this server (VAPID keys); you get texts instead.'
      : null;

  return (
    <div class="stack">
      <section class="panel">
        <h2>{me.member.name}</h2>
        <p class="muted">
          {ROLE[me.member.role]} · {me.member.phone}
          {me.member.email ? ` · ${me.member.email}` : ''}
        </p>
        <div class="switch-row">
          <div>
            <strong>On duty</strong>
            <p class="muted small">
              Off duty, routing passes you over and your colleagues get new leads.
            </p>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={me.onDuty}
            aria-label="On duty"
            class={`duty duty-big${me.onDuty ? ' duty-on' : ''}`}
            onClick={async () =>
              setMe(await call<ConsoleMe>('PUT', '/duty', { onDuty: !me.onDuty }))
            }
          >
            <span class="duty-track" aria-hidden="true">
              <span class="duty-thumb" />
            </span>
            <span class="duty-label">{me.onDuty ? 'On' : 'Off'}</span>
          </button>
        </div>
      </section>

      <section class="panel">
        <h2>Alerts on this device</h2>
        {pushReason ? (
          <p class="muted">{pushReason}</p>
        ) : (
          <div class="switch-row">
            <div>
              <strong>Push notifications</strong>
              <p class="muted small">
                New leads and call-back reminders, even when the console is closed.
              </p>
            </div>
            <button
              type="button"
              role="switch"
              aria-checked={Boolean(push)}
              aria-label="Push notifications"
              class={`duty duty-big${push ? ' duty-on' : ''}`}
              disabled={push === null}
              onClick={togglePush}
            >
              <span class="duty-track" aria-hidden="true">
                <span class="duty-thumb" />
              </span>
              <span class="duty-label">{push ? 'On' : 'Off'}</span>
            </button>
          </div>
        )}
        {push && (
          <button type="button" class="btn" onClick={test}>
            Send a test notification
          </button>
        )}
        <div class="switch-row">
          <div>
            <strong>Sound</strong>
            <p class="muted small">A short beep when a lead arrives while the console is open.</p>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={sound}
            aria-label="Sound"
            class={`duty duty-big${sound ? ' duty-on' : ''}`}
            onClick={() => {
              setSoundWanted(!sound);
              setSound(!sound);
            }}
          >
            <span class="duty-track" aria-hidden="true">
              <span class="duty-thumb" />
            </span>
            <span class="duty-label">{sound ? 'On' : 'Off'}</span>
          </button>
        </div>
        <p class="status-line" role="status">
          {pushMessage}
        </p>
      </section>

      <section class="panel">
        <h2>Signed in</h2>
        {sessions === null ? (
          <p class="muted">Loading…</p>
        ) : (
          <ul class="sessions">
            {sessions.map((s) => (
              <li key={s.createdAt + s.lastSeenAt}>
                <strong>{s.current ? 'This device' : deviceName(s.userAgent)}</strong>
                <span class="muted small">
                  Last active {dateTime(s.lastSeenAt, me.timeZone)} · since{' '}
                  {dateTime(s.createdAt, me.timeZone)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          class="btn"
          onClick={async () => {
            await call('DELETE', '/session').catch(() => {});
            signalSignedOut();
          }}
        >
          Sign out of this device
        </button>
      </section>
    </div>
  );
}

function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Another device';
  if (/iPhone|iPad/.test(userAgent)) return 'iPhone or iPad';
  if (/Android/.test(userAgent)) return 'Android phone';
  if (/Mac OS X/.test(userAgent)) return 'Mac';
  if (/Windows/.test(userAgent)) return 'Windows computer';
  return 'Another device';
}
