// "Who is on call right now, and who is next" for owners and the console, per schedule; a site
// with no schedules shows its onCall list as the default one.
import type { SiteConfig } from '../../shared/schemas';
import { legacySchedule, nextHandoffs, onCallAt } from '../core/schedule';

export interface OnCallView {
  schedule: string;
  name: string;
  onCall: Array<{ id: string; name: string; offDuty: boolean }>;
  next: Array<{ at: string; from: string[]; to: string[] }>;
}

export function onCallViews(
  config: SiteConfig,
  offDuty: ReadonlySet<string>,
  at: number,
  handoffs: number,
): OnCallView[] {
  const schedules = config.schedules?.length
    ? config.schedules
    : [{ ...legacySchedule(config.onCall), id: 'default', name: 'On-call list' }];
  const member = (id: string) => ({
    id,
    name: config.team.find((m) => m.id === id)?.name ?? id,
    offDuty: offDuty.has(id),
  });
  return schedules.map((schedule) => ({
    schedule: schedule.id,
    name: schedule.name ?? schedule.id,
    onCall: onCallAt(schedule, config.timezone, at).map(member),
    next: nextHandoffs(schedule, config.timezone, at, handoffs).map((h) => ({
      at: new Date(h.at).toISOString(),
      from: h.from,
      to: h.to,
    })),
  }));
}
