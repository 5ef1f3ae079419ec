import { describe, expect, it } from 'vitest';
import { quietHoursRelease } from '../../worker/core/quiet-hours';

const NY = 'America/New_York';

describe('quiet hours (8 AM to 9 PM, local)', () => {
  it('lets a text go at once during the day', () => {
    const noon = Date.parse('2026-11-23T17:00:00Z');
    expect(quietHoursRelease(NY, noon)).toBe(noon);
    const justBefore9pm = Date.parse('2026-11-24T01:59:00Z');
    expect(quietHoursRelease(NY, justBefore9pm)).toBe(justBefore9pm);
  });

  it('holds a late-evening or night text until 8 AM local', () => {
    expect(quietHoursRelease(NY, Date.parse('2026-11-24T02:00:00Z'))).toBe(
      Date.parse('2026-11-24T13:00:00Z'),
    );
    expect(quietHoursRelease(NY, Date.parse('2026-11-24T07:30:00Z'))).toBe(
      Date.parse('2026-11-24T13:00:00Z'),
    );
  });

  it('wakes at 8 AM by the local clock across a DST change', () => {
    // Saturday 2026-03-07 11 PM EST; the clocks spring forward at 2 AM: 8 AM Sunday is EDT (UTC-4).
    expect(quietHoursRelease(NY, Date.parse('2026-03-08T04:00:00Z'))).toBe(
      Date.parse('2026-03-08T12:00:00Z'),
    );
  });
});
