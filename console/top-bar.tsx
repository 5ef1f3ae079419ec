// The bar on every page: the site, whether the queue is live, sound, on/off duty, settings.
import { useState } from 'preact/hooks';
import type { ConsoleMe } from '../shared/schemas';
import { setSoundWanted, soundWanted } from './alerts';
import { ApiFailure, call } from './api';
import { useConsole } from './context';
import { BellIcon, BellOffIcon, GearIcon } from './icons';
import { follow } from './router';

const CONNECTION = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Reconnecting…',
} as const;

export function TopBar() {
  const { me, setMe, live } = useConsole();
  const [sound, setSound] = useState(soundWanted());
  const [dutyProblem, setDutyProblem] = useState<string | null>(null);

  async function toggleDuty() {
    setDutyProblem(null);
    try {
      setMe(await call<ConsoleMe>('PUT', '/duty', { onDuty: !me.onDuty }));
    } catch (err) {
      setDutyProblem(err instanceof ApiFailure ? err.message : 'Not changed');
    }
  }

  return (
    <header class="topbar">
      <a class="brand" href="/console/" onClick={follow}>
        <span class="brand-mark" aria-hidden="true" />
        <span class="brand-name">{me.siteName}</span>
      </a>
      <span class={`conn conn-${live.connection}`} role="status">
        <span class="conn-dot" aria-hidden="true" />
        <span class="conn-text">{CONNECTION[live.connection]}</span>
      </span>
      <button
        type="button"
        class="icon-btn"
        aria-pressed={sound}
        aria-label="Sound for new leads"
        title={sound ? 'Sound on' : 'Sound off'}
        onClick={() => {
          setSoundWanted(!sound);
          setSound(!sound);
        }}
      >
        {sound ? <BellIcon /> : <BellOffIcon />}
      </button>
      <button
        type="button"
        role="switch"
        class={`duty${me.onDuty ? ' duty-on' : ''}`}
        aria-checked={me.onDuty}
        aria-label="On duty"
        title={dutyProblem ?? (me.onDuty ? 'You get new leads' : 'New leads go to others')}
        onClick={toggleDuty}
      >
        <span class="duty-track" aria-hidden="true">
          <span class="duty-thumb" />
        </span>
        <span class="duty-label" aria-hidden="true">
          <span class="duty-long">{me.onDuty ? 'On duty' : 'Off duty'}</span>
          <span class="duty-short">{me.onDuty ? 'On' : 'Off'}</span>
        </span>
      </button>
      <a class="icon-btn" href="/console/settings" onClick={follow} aria-label="Settings">
        <GearIcon />
      </a>
    </header>
  );
}
