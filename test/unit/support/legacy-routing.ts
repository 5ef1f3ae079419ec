// The foundation's round-robin over the onCall list. Production routing is worker/core/lead-routing.ts;
// this stays as the reference the legacy-equivalence tests hold it to.
// Who gets a new lead first: the on-call members take turns.
import type { Member } from '../../../shared/schemas';

/**
 * Round-robin over the onCall list: the member at cursor % onCall.length that exists in team;
 * skips ids missing from team. Returns null assignee only if none exists. The cursor that comes
 * back points just past the chosen member; with no one to choose it is returned unchanged.
 */
export function pickAssignee(
  onCall: string[],
  team: Member[],
  cursor: number,
): { assigneeId: string | null; nextCursor: number } {
  const known = new Set(team.map((member) => member.id));
  const count = onCall.length;
  // A cursor from storage may be anything; fold it into 0..count-1.
  const start =
    count === 0 || !Number.isFinite(cursor) ? 0 : ((Math.trunc(cursor) % count) + count) % count;
  for (let step = 0; step < count; step++) {
    const position = (start + step) % count;
    const id = onCall[position];
    if (id !== undefined && known.has(id)) {
      return { assigneeId: id, nextCursor: (position + 1) % count };
    }
  }
  return { assigneeId: null, nextCursor: cursor };
}
