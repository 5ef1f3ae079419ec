import { describe, expect, it } from 'vitest';
import {
  type RoutingRule,
  routingRuleSchema,
  scheduleConfigIssues,
  scheduleConfigSchema,
} from '../../shared/schedule-schemas';
import type { Hours } from '../../shared/schemas';
import { matchRule, type RoutableLead } from '../../worker/core/routing-rules';

const t = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';
const day = { open: '08:00', close: '18:00' };
const HOURS: Hours = { mon: day, tue: day, wed: day, thu: day, fri: day };
// Wednesday 2026-07-01 10:00 is open; Friday 2026-07-03 is a holiday the owner listed.
const OPEN = t('2026-07-01T10:00:00-04:00');
const NIGHT = t('2026-07-01T22:00:00-04:00');
const HOLIDAY = t('2026-07-03T10:00:00-04:00');
const ctx = (at: number) => ({ timeZone: NY, hours: HOURS, holidays: ['2026-07-03'], at });

const rule = (id: string, match: object): RoutingRule =>
  routingRuleSchema.parse({ id, match, target: { team: 'office' } });

const ids = (rules: RoutingRule[], lead: RoutableLead, at = OPEN) =>
  matchRule(rules, lead, ctx(at))?.id ?? null;

describe('matchRule', () => {
  it('returns the first rule whose every condition holds, in the owner’s order', () => {
    const rules = [
      rule('plumbing-urgent', { services: ['Plumbing'], urgent: true }),
      rule('plumbing', { services: ['Plumbing'] }),
      rule('anything', {}),
    ];
    expect(ids(rules, { service: 'Plumbing', urgent: true })).toBe('plumbing-urgent');
    expect(ids(rules, { service: 'Plumbing', urgent: false })).toBe('plumbing');
    expect(ids(rules, { service: 'Plumbing' })).toBe('plumbing'); // no flag: not urgent
    expect(ids(rules, { service: 'HVAC' })).toBe('anything');
  });

  it('returns null when nothing matches, or there are no rules', () => {
    expect(ids([rule('hvac', { services: ['HVAC'] })], { service: 'Roofing' })).toBeNull();
    expect(matchRule(undefined, { service: 'Roofing' }, ctx(OPEN))).toBeNull();
  });

  it('compares services without regard to case or spaces round them; no service, no match', () => {
    const rules = [rule('hvac', { services: ['Heating', 'Air conditioning'] })];
    expect(ids(rules, { service: '  air CONDITIONING ' })).toBe('hvac');
    expect(ids(rules, {})).toBeNull();
  });

  it('matches ZIP and postcode prefixes, ignoring case and spaces', () => {
    const rules = [
      rule('north', { zipPrefixes: ['100', '104'] }),
      rule('sw', { zipPrefixes: ['sw1a'] }),
    ];
    expect(ids(rules, { zip: '10027' })).toBe('north');
    expect(ids(rules, { zip: '10451-1234' })).toBe('north');
    expect(ids(rules, { zip: '11201' })).toBeNull();
    expect(ids(rules, { zip: 'SW1A 1AA' })).toBe('sw');
    expect(ids(rules, { zip: 'sw1a1aa' })).toBe('sw');
    expect(ids(rules, {})).toBeNull();
    const spaced = [rule('exact', { zipPrefixes: ['SW1A 1'] })];
    expect(ids(spaced, { zip: 'sw1a1aa' })).toBe('exact');
    expect(ids(spaced, { zip: 'SW1A  1AA' })).toBe('exact');
    expect(ids(spaced, { zip: 'SW1A 2AA' })).toBeNull();
  });

  it('matches the page path prefix and UTM source and campaign', () => {
    const rules = [
      rule('commercial', { pagePathPrefix: '/commercial' }),
      rule('google', { utmSource: 'Google', utmCampaign: 'furnace-fall' }),
    ];
    const page = (url: string, utm?: Record<string, string>) => ({ page: { url, utm } });
    expect(ids(rules, page('https://acme.test/Commercial/hvac?x=1'))).toBe('commercial');
    expect(ids(rules, page('https://acme.test/residential/commercial'))).toBeNull();
    expect(ids(rules, page('not a url'))).toBeNull();
    expect(
      ids(rules, page('https://acme.test/', { source: 'google', campaign: 'furnace-fall' })),
    ).toBe('google');
    // Keys kept with their utm_ prefix by another sender still count.
    expect(
      ids(
        rules,
        page('https://acme.test/', { utm_source: 'GOOGLE', utm_campaign: 'furnace-fall' }),
      ),
    ).toBe('google');
    expect(ids(rules, page('https://acme.test/', { source: 'google' }))).toBeNull();
  });

  it('tells business hours, after hours and the owner’s holidays apart', () => {
    const rules = [
      rule('holiday', { when: 'holiday' }),
      rule('office', { when: 'business-hours' }),
      rule('night', { when: 'after-hours' }),
    ];
    expect(ids(rules, {}, OPEN)).toBe('office');
    expect(ids(rules, {}, NIGHT)).toBe('night');
    expect(ids(rules, {}, HOLIDAY)).toBe('holiday');
    // A holiday is after hours even inside the usual opening hours.
    expect(ids(rules.slice(1), {}, HOLIDAY)).toBe('night');
    // The holiday is a local date: 23:30 on the 2nd in New York is not a holiday.
    expect(ids(rules, {}, t('2026-07-02T23:30:00-04:00'))).toBe('night');
    expect(ids(rules, {}, t('2026-07-03T00:00:00-04:00'))).toBe('holiday');
  });
});

describe('routingRuleSchema', () => {
  it('defaults to any time and round-robin, with the site’s own escalation', () => {
    const parsed = routingRuleSchema.parse({ id: 'all', target: {} });
    expect(parsed.match.when).toBe('any');
    expect(parsed.assign).toBe('round-robin');
    expect(parsed.policy).toBeUndefined();
  });
});

describe('scheduleConfigIssues', () => {
  const team = [{ id: 'ann' }, { id: 'bob' }];

  it('finds nothing wrong with a consistent config', () => {
    const cfg = scheduleConfigSchema.parse({
      teams: [{ id: 'office', name: 'Office', members: ['ann', 'bob'] }],
      schedules: [
        {
          id: 'nights',
          name: 'Nights',
          layers: [
            {
              id: 'l',
              rotation: {
                type: 'weekly',
                handoff: '08:00',
                startDate: '2026-01-05',
                members: ['ann'],
              },
            },
          ],
        },
      ],
      policies: [
        { id: 'p', steps: [{ afterSeconds: 0, notify: ['assignee', { schedule: 'nights' }] }] },
      ],
      routing: [
        { id: 'r', target: { team: 'office' }, policy: 'p', fallback: { members: ['bob'] } },
      ],
    });
    expect(scheduleConfigIssues({ ...cfg, team })).toEqual([]);
  });

  it('names unknown members, teams, schedules and policies, and duplicate ids', () => {
    const cfg = scheduleConfigSchema.parse({
      teams: [
        { id: 'office', name: 'Office', members: ['ann', 'zed'] },
        { id: 'office', name: 'Again', members: ['bob'] },
      ],
      policies: [{ id: 'p', steps: [{ afterSeconds: 0, notify: [{ team: 'nope' }, 'yan'] }] }],
      routing: [{ id: 'r', target: { schedule: 'missing' }, policy: 'q' }],
    });
    expect(scheduleConfigIssues({ ...cfg, team })).toEqual([
      { path: ['teams', 1, 'id'], message: 'duplicate id' },
      { path: ['teams', 0, 'members', 1], message: 'unknown member zed' },
      { path: ['policies', 0, 'steps', 0, 'notify', 0, 'team'], message: 'unknown team nope' },
      { path: ['policies', 0, 'steps', 0, 'notify', 1], message: 'unknown member yan' },
      { path: ['routing', 0, 'target', 'schedule'], message: 'unknown schedule missing' },
      { path: ['routing', 0, 'policy'], message: 'unknown policy q' },
    ]);
  });
});
