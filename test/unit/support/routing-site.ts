// A small site for routing and policy tests: the foundation's fields plus whatever schedule
// additions a test passes, checked by the real schemas.
import { scheduleConfigIssues, scheduleConfigSchema } from '../../../shared/schedule-schemas';
import { escalationSchema, type Hours, type Member } from '../../../shared/schemas';
import type { RoutingSite } from '../../../worker/core/lead-routing';

export const member = (id: string, role: Member['role'] = 'csr'): Member => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  phone: '+15555550100',
  role,
});

const weekday = { open: '08:00', close: '18:00' };
export const OFFICE_HOURS: Hours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: { open: '09:00', close: '13:00' },
};

export const TEAM: Member[] = [
  member('olivia', 'owner'),
  member('max', 'manager'),
  member('ann'),
  member('bob'),
  member('cat'),
  member('pia'),
  member('quinn'),
];

export function routingSite(additions: unknown = {}, base: Partial<RoutingSite> = {}): RoutingSite {
  const parsed = scheduleConfigSchema.parse(additions);
  const site: RoutingSite = {
    timezone: 'America/New_York',
    hours: OFFICE_HOURS,
    team: TEAM,
    onCall: ['ann', 'bob', 'cat'],
    escalation: escalationSchema.parse({
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 120, notify: ['on-call'] },
        { afterSeconds: 300, notify: ['max'] },
      ],
      repeat: 1,
    }),
    ...base,
    ...parsed,
  };
  const issues = scheduleConfigIssues(site);
  if (issues.length > 0) throw new Error(`bad test config: ${JSON.stringify(issues)}`);
  return site;
}
