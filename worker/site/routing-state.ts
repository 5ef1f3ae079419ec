// What routing needs to remember between leads: round-robin cursors, when each member was last
// given a lead, the open leads each holds, and who is off duty.
import { type Assignment, ON_CALL_CURSOR, type RoutingState } from '../core/lead-routing';
import type { Rows } from './rows';

// The foundation's onCall cursor keeps its original name, so existing sites carry on in turn.
const cursorMeta = (key: string) => (key === ON_CALL_CURSOR ? 'rr_cursor' : `cursor:${key}`);

export function routingState(rows: Rows): RoutingState {
  const cursors: Record<string, number> = {
    [ON_CALL_CURSOR]: Number(rows.getMeta('rr_cursor') ?? '0'),
  };
  for (const { key, value } of rows.metaWithPrefix('cursor:'))
    cursors[key.slice('cursor:'.length)] = Number(value);
  return {
    cursors,
    lastAssignedAt: JSON.parse(rows.getMeta('last_assigned') ?? '{}') as Record<string, number>,
    openUnclaimed: rows.openUnclaimed(),
    offDuty: rows.offDuty(),
  };
}

export function saveRoutingState(rows: Rows, state: RoutingState, assignment: Assignment): void {
  rows.setMeta(cursorMeta(assignment.cursorKey), String(assignment.nextCursor));
  rows.setMeta('last_assigned', JSON.stringify(state.lastAssignedAt));
}
