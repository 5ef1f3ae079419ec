// "Harbour Plumbing & Air", a Sydney contractor, for the simulated week of Sunday 4 to
// Saturday 10 October 2026. Daylight saving starts at 02:00 on Sunday the 4th (clocks jump to
// 03:00), and Monday the 5th is Labour Day, which the owner lists as a holiday.
import { scheduleConfigIssues, scheduleConfigSchema } from '../../../shared/schedule-schemas';
import { escalationSchema, type Member } from '../../../shared/schemas';
import type { RoutingSite } from '../../../worker/core/lead-routing';

const person = (id: string, role: Member['role'] = 'csr'): Member => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  phone: '+61255550100',
  role,
});

const additions = scheduleConfigSchema.parse({
  teams: [
    { id: 'office', name: 'Office', members: ['ava', 'ben', 'cleo'] },
    { id: 'plumbing', name: 'Plumbing', members: ['pia', 'quinn', 'ray'] },
    { id: 'hvac', name: 'Air & heating', members: ['hal', 'ivy'] },
  ],
  schedules: [
    {
      id: 'office',
      name: 'Office phones',
      layers: [
        {
          id: 'weekdays',
          // The whole office on together, weekdays 8 to 6.
          rotation: {
            type: 'daily',
            handoff: '00:00',
            startDate: '2026-01-01',
            members: [['ava', 'ben', 'cleo']],
          },
          restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }],
        },
        {
          id: 'saturday',
          // One of them takes Saturday morning, in turn.
          rotation: {
            type: 'weekly',
            handoff: '08:00',
            startDate: '2026-09-05',
            members: ['ben', 'cleo', 'ava'],
          },
          restrictions: [{ days: ['sat'], from: '08:00', to: '12:00' }],
        },
      ],
      // Max covers Cleo's dentist appointment.
      overrides: [
        { memberId: 'max', start: '2026-10-07T12:00', end: '2026-10-07T14:00', replaces: 'cleo' },
      ],
    },
    {
      id: 'after-hours',
      name: 'After-hours phone',
      layers: [
        {
          id: 'weekly',
          // One tech carries the after-hours phone for a week, Monday 8:00 to Monday 8:00.
          rotation: {
            type: 'weekly',
            handoff: '08:00',
            startDate: '2026-08-31',
            members: ['pia', 'hal', 'quinn', 'ivy', 'ray'],
          },
        },
        {
          id: 'weekend-days',
          // Weekend daytime is shared out day by day between two plumbers.
          rotation: {
            type: 'daily',
            handoff: '08:00',
            startDate: '2026-10-03',
            members: ['ray', 'quinn'],
          },
          restrictions: [{ days: ['sat', 'sun'], from: '08:00', to: '20:00' }],
        },
      ],
      overrides: [
        // Quinn covers Pia's Wednesday night; Hal takes Saturday afternoon and evening.
        { memberId: 'quinn', start: '2026-10-07T18:00', end: '2026-10-08T07:00', replaces: 'pia' },
        { memberId: 'hal', start: '2026-10-10T12:00', end: '2026-10-10T20:00' },
      ],
    },
  ],
  holidays: ['2026-10-05'],
  policies: [
    {
      id: 'emergency',
      claimSlaSeconds: 300,
      contactSlaSeconds: 900,
      steps: [
        { afterSeconds: 0, notify: ['assignee'], urgent: true },
        {
          afterSeconds: 180,
          notify: [{ schedule: 'after-hours', who: 'next' }, { role: 'manager' }],
        },
        { afterSeconds: 420, notify: [{ role: 'owner' }] },
      ],
      repeat: 2,
      repeatIntervalSeconds: 300,
      finalAction: { notify: [{ team: 'plumbing' }, { team: 'hvac' }] },
    },
    {
      id: 'standard',
      claimSlaSeconds: 600,
      contactSlaSeconds: 3600,
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 600, notify: [{ schedule: 'office', who: 'on-call' }] },
        { afterSeconds: 1800, notify: [{ role: 'manager' }] },
      ],
      repeat: 1,
      finalAction: { notify: [{ role: 'owner' }] },
    },
  ],
  routing: [
    {
      id: 'emergency',
      match: { urgent: true, when: 'after-hours' },
      target: { schedule: 'after-hours' },
      policy: 'emergency',
      fallback: { members: ['max'] },
    },
    {
      id: 'commercial',
      match: { pagePathPrefix: '/commercial' },
      target: { team: 'office' },
      assign: 'broadcast',
      policy: 'standard',
    },
    {
      id: 'plumbing',
      match: { services: ['Plumbing', 'Hot water', 'Blocked drain'] },
      target: { team: 'plumbing' },
      assign: 'least-recent',
      maxOpenPerMember: 2,
      policy: 'standard',
      fallback: { schedule: 'office' },
    },
    {
      id: 'hvac',
      // The air-conditioning crew only covers the inner postcodes.
      match: { services: ['Air conditioning', 'Heating'], zipPrefixes: ['20', '21'] },
      target: { team: 'hvac' },
      assign: 'round-robin',
      maxOpenPerMember: 2,
      policy: 'standard',
      fallback: { schedule: 'office' },
    },
    {
      id: 'google-ads',
      match: { utmSource: 'google' },
      target: { schedule: 'office' },
      assign: 'least-recent',
      policy: 'standard',
    },
    {
      id: 'office',
      target: { schedule: 'office' },
      assign: 'round-robin',
      maxOpenPerMember: 3,
      policy: 'standard',
      fallback: { team: 'office' },
    },
  ],
});

export const HARBOUR: RoutingSite = {
  timezone: 'Australia/Sydney',
  hours: {
    mon: { open: '08:00', close: '18:00' },
    tue: { open: '08:00', close: '18:00' },
    wed: { open: '08:00', close: '18:00' },
    thu: { open: '08:00', close: '18:00' },
    fri: { open: '08:00', close: '18:00' },
    sat: { open: '08:00', close: '12:00' },
  },
  team: [
    person('olivia', 'owner'),
    person('max', 'manager'),
    ...['ava', 'ben', 'cleo', 'pia', 'quinn', 'ray', 'hal', 'ivy'].map((id) => person(id)),
  ],
  onCall: ['ava', 'ben', 'cleo'],
  escalation: escalationSchema.parse({ steps: [{ afterSeconds: 0, notify: ['assignee'] }] }),
  ...additions,
};

const issues = scheduleConfigIssues(HARBOUR);
if (issues.length > 0) throw new Error(`Harbour config: ${JSON.stringify(issues)}`);

/** Runtime off-duty spells (local times): lunch, a sick day, an early finish. */
export const OFF_DUTY: Array<{ member: string; from: string; to: string }> = [
  { member: 'ben', from: '2026-10-06T12:00', to: '2026-10-06T13:00' },
  { member: 'hal', from: '2026-10-08T00:00', to: '2026-10-09T00:00' },
  { member: 'ava', from: '2026-10-09T16:00', to: '2026-10-09T18:00' },
  { member: 'pia', from: '2026-10-09T09:00', to: '2026-10-09T12:00' },
];
