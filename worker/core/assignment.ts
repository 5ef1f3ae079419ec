// Who within a routing target gets a lead: round-robin, the least recently assigned, or
// everyone at once. Members who are off duty or already hold their share of open unclaimed
// leads are passed over; when that leaves nobody the caller moves on to the rule's fallback.
import type { AssignStrategy } from '../../shared/schedule-schemas';

export interface AssignmentState {
  /** Round-robin position in the candidate list, as stored (any number is folded in). */
  cursor: number;
  /** Epoch ms each member was last given a lead. */
  lastAssignedAt: Readonly<Record<string, number>>;
  /** Open, unclaimed leads each member holds now. */
  openUnclaimed: Readonly<Record<string, number>>;
  offDuty: ReadonlySet<string>;
}

export interface AssignResult {
  /** Empty when nobody in the candidates is available. */
  assignees: string[];
  nextCursor: number;
}

export function isAvailable(
  id: string,
  state: Pick<AssignmentState, 'openUnclaimed' | 'offDuty'>,
  maxOpenPerMember?: number,
): boolean {
  if (state.offDuty.has(id)) return false;
  return maxOpenPerMember === undefined || (state.openUnclaimed[id] ?? 0) < maxOpenPerMember;
}

/**
 * Round-robin works like the foundation's pickAssignee, so a site without rules hands leads
 * out exactly as before: start at cursor % candidates.length, take the first available member,
 * and point the cursor just past them. The other strategies leave the cursor alone.
 */
export function assign(
  candidates: readonly string[],
  strategy: AssignStrategy,
  state: AssignmentState,
  maxOpenPerMember?: number,
): AssignResult {
  const available = (id: string) => isAvailable(id, state, maxOpenPerMember);
  const unchanged = state.cursor;

  if (strategy === 'broadcast') {
    return { assignees: [...new Set(candidates.filter(available))], nextCursor: unchanged };
  }

  if (strategy === 'least-recent') {
    let best: string | null = null;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const id of candidates) {
      // Never assigned counts as longest ago; ties go to the earlier candidate.
      const at = state.lastAssignedAt[id] ?? Number.NEGATIVE_INFINITY;
      if (available(id) && (best === null || at < bestAt)) {
        best = id;
        bestAt = at;
      }
    }
    return { assignees: best === null ? [] : [best], nextCursor: unchanged };
  }

  const count = candidates.length;
  const cursor = state.cursor;
  const start =
    count === 0 || !Number.isFinite(cursor) ? 0 : ((Math.trunc(cursor) % count) + count) % count;
  for (let step = 0; step < count; step++) {
    const position = (start + step) % count;
    const id = candidates[position];
    if (id !== undefined && available(id)) {
      return { assignees: [id], nextCursor: (position + 1) % count };
    }
  }
  return { assignees: [], nextCursor: unchanged };
}
