// The console's pure helpers: times in the site's zone (an appointment typed on a phone in
// another zone, across DST) and countdowns to the promise; member ids made from names.
import { describe, expect, it } from 'vitest';
import { idFor } from '../../console/settings/member-editor';
import { clock, slaCountdown, zonedInputToIso } from '../../console/time';

describe('console times', () => {
  it('reads an appointment as wall-clock time in the site zone, DST included', () => {
    expect(zonedInputToIso('2030-01-15T09:30', 'America/New_York')).toBe(
      '2030-01-15T14:30:00.000Z',
    );
    expect(zonedInputToIso('2030-07-15T09:30', 'America/New_York')).toBe(
      '2030-07-15T13:30:00.000Z',
    );
    expect(zonedInputToIso('2030-03-10T12:00', 'America/Chicago')).toBe('2030-03-10T17:00:00.000Z');
    expect(zonedInputToIso('2030-01-15T09:30', 'Europe/London')).toBe('2030-01-15T09:30:00.000Z');
    expect(zonedInputToIso('not a time', 'UTC')).toBeNull();
  });

  it('counts down to the promise, then counts how late it is', () => {
    const by = '2030-01-15T14:30:00.000Z';
    const at = (s: number) => Date.parse(by) - s * 1000;
    expect(slaCountdown(by, at(252), 'UTC')).toEqual({ text: '4:12 left', tone: 'ok' });
    expect(slaCountdown(by, at(45), 'UTC')).toEqual({ text: '0:45 left', tone: 'soon' });
    expect(slaCountdown(by, at(-90), 'UTC')).toEqual({ text: 'Overdue 1:30', tone: 'late' });
    // An after-hours lead: the promise is the opening time, shown as a time of day.
    expect(slaCountdown(by, at(5 * 3600), 'America/New_York')).toEqual({
      text: `by ${clock(by, 'America/New_York')}`,
      tone: 'later',
    });
  });

  it('makes a unique, valid member id from a name', () => {
    expect(idFor('Dana Reyes', new Set())).toBe('dana-reyes');
    expect(idFor('Dana Reyes', new Set(['dana-reyes']))).toBe('dana-reyes-2');
    expect(idFor('José Núñez', new Set())).toBe('jose-nunez');
    expect(idFor('On call', new Set())).toBe('on-call-1');
    expect(idFor('!!!', new Set())).toBe('member');
  });
});
