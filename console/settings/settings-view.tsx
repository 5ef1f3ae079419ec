// Settings: "You" for everyone; the team, the site, escalation and going live for owners and
// managers. Loaded on demand, with zod, since CSRs on phones rarely need it.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { isManager, useConsole } from '../context';
import { follow } from '../router';
import { EscalationTab } from './escalation-tab';
import { GoLiveTab } from './go-live-tab';
import { SiteTab } from './site-tab';
import { TeamTab } from './team-tab';
import { useSiteConfig } from './use-site-config';
import { YouTab } from './you-tab';

const TABS = [
  { id: 'you', label: 'You' },
  { id: 'team', label: 'Team' },
  { id: 'site', label: 'Site' },
  { id: 'escalation', label: 'Escalation' },
  { id: 'go-live', label: 'Go live' },
] as const;

export default function SettingsView({ tab }: { tab: string }) {
  const { me, setMe } = useConsole();
  const manager = isManager(me);
  const config = useSiteConfig(manager);
  // A renamed business shows in the top bar at once.
  const savedName = config.view?.config.name;
  useEffect(() => {
    if (savedName && savedName !== me.siteName) setMe({ ...me, siteName: savedName });
  }, [savedName, me, setMe]);
  const tabs = manager ? TABS : TABS.slice(0, 1);
  const current = tabs.find((t) => t.id === tab)?.id ?? 'you';

  let body: ComponentChildren;
  if (current === 'you') body = <YouTab />;
  else if (config.problem) body = <p class="field-error">{config.problem}</p>;
  else if (!config.view) body = <p class="empty">Loading settings…</p>;
  else if (current === 'team') body = <TeamTab config={config} view={config.view} />;
  else if (current === 'site') body = <SiteTab config={config} view={config.view} />;
  else if (current === 'escalation') body = <EscalationTab config={config} view={config.view} />;
  else body = <GoLiveTab view={config.view} />;

  return (
    <div class="settings">
      <h1 class="settings-title">Settings</h1>
      <nav class="settings-nav" aria-label="Settings sections">
        {tabs.map((t) => (
          <a
            key={t.id}
            href={`/console/settings/${t.id}`}
            onClick={follow}
            aria-current={current === t.id ? 'page' : undefined}
          >
            {t.label}
          </a>
        ))}
      </nav>
      <section class="settings-body" aria-label={tabs.find((t) => t.id === current)?.label}>
        {body}
      </section>
    </div>
  );
}
