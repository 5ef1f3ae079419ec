import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Member } from '../../shared/schemas';
import { pickAssignee } from './support/legacy-routing';

const member = (id: string): Member => ({ id, name: id, phone: '+15555550100', role: 'csr' });
const TEAM = ['ann', 'bob', 'cat'].map(member);

describe('pickAssignee', () => {
  it('picks the member at the cursor and moves the cursor past them', () => {
    expect(pickAssignee(['ann', 'bob', 'cat'], TEAM, 0)).toEqual({
      assigneeId: 'ann',
      nextCursor: 1,
    });
    expect(pickAssignee(['ann', 'bob', 'cat'], TEAM, 1)).toEqual({
      assigneeId: 'bob',
      nextCursor: 2,
    });
    expect(pickAssignee(['ann', 'bob', 'cat'], TEAM, 2)).toEqual({
      assigneeId: 'cat',
      nextCursor: 0,
    });
  });

  it('takes the cursor modulo the list length', () => {
    expect(pickAssignee(['ann', 'bob', 'cat'], TEAM, 5)).toEqual({
      assigneeId: 'cat',
      nextCursor: 0,
    });
    expect(pickAssignee(['ann', 'bob', 'cat'], TEAM, 3001)).toEqual({
      assigneeId: 'bob',
      nextCursor: 2,
    });
  });

  it('cycles through everyone when the cursor is fed back', () => {
    const picked: (string | null)[] = [];
    let cursor = 0;
    for (let i = 0; i < 7; i++) {
      const { assigneeId, nextCursor } = pickAssignee(['ann', 'bob', 'cat'], TEAM, cursor);
      picked.push(assigneeId);
      cursor = nextCursor;
    }
    expect(picked).toEqual(['ann', 'bob', 'cat', 'ann', 'bob', 'cat', 'ann']);
  });

  it('skips ids missing from the team, wrapping around the list', () => {
    expect(pickAssignee(['ann', 'ghost', 'cat'], TEAM, 1)).toEqual({
      assigneeId: 'cat',
      nextCursor: 0,
    });
    expect(pickAssignee(['ann', 'bob', 'ghost'], TEAM, 2)).toEqual({
      assigneeId: 'ann',
      nextCursor: 1,
    });
  });

  it('returns no assignee, cursor unchanged, when nobody on call is in the team', () => {
    expect(pickAssignee(['ghost', 'gone'], TEAM, 1)).toEqual({ assigneeId: null, nextCursor: 1 });
    expect(pickAssignee([], TEAM, 4)).toEqual({ assigneeId: null, nextCursor: 4 });
    expect(pickAssignee(['ann'], [], 0)).toEqual({ assigneeId: null, nextCursor: 0 });
  });

  it('folds a negative or fractional cursor from storage into the list', () => {
    expect(pickAssignee(['ann', 'bob', 'cat'], TEAM, -1)).toEqual({
      assigneeId: 'cat',
      nextCursor: 0,
    });
    expect(pickAssignee(['ann', 'bob', 'cat'], TEAM, 1.7)).toEqual({
      assigneeId: 'bob',
      nextCursor: 2,
    });
  });

  it('is fair: k rounds from any cursor give each on-call member exactly k leads', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        ids,
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 5 }),
        (onCall, start, k) => {
          const team = onCall.map(member);
          const counts = new Map<string, number>();
          let cursor = start;
          for (let i = 0; i < k * onCall.length; i++) {
            const { assigneeId, nextCursor } = pickAssignee(onCall, team, cursor);
            expect(assigneeId).not.toBeNull();
            counts.set(assigneeId ?? '', (counts.get(assigneeId ?? '') ?? 0) + 1);
            cursor = nextCursor;
          }
          for (const id of onCall) expect(counts.get(id)).toBe(k);
        },
      ),
    );
  });
});
