// What routing needs to remember between leads: round-robin cursors, when each member was last
// given a lead, the open leads each holds, and who is off duty.

import type { SiteConfig } from '../../shared/schemas';
import { type Assignment, ON_CALL_CURSOR, type RoutingState } from '../core/lead-routing';
import type { Rows } from './rows';

// The foundation's onCall cursor keeps its original name, so existing sites carry on in turn.
const cursorMeta = (key: string) => (key === ON_CALL_CURSOR ? 'rr_cursor' : `cursor:${key}`);

/**
 * The routing state for the next assignment. Open leads per member are counted only when a rule
 * caps them: the count scans every open lead, which is what made intake slow down as leads
 * piled up unclaimed.
 */
export function routingState(rows: Rows, config?: Pick<SiteConfig, 'routing'>): RoutingState {
  const cursors: Record<string, number> = {
    [ON_CALL_CURSOR]: Number(rows.getMeta('rr_cursor') ?? '0'),
  };
  for (const { key, value } of rows.metaWithPrefix('cursor:'))
    cursors[key.slice('cursor:'.length)] = Number(value);
  return {
    cursors,
    lastAssignedAt: JSON.parse(rows.getMeta('last_assigned') ?? '{}') as Record<string, number>,
    openUnclaimed:
      config && !config.routing?.some((r) => r.maxOpenPerMember !== undefined)
        ? {}
        : rows.openUnclaimed(),
    offDuty: rows.offDuty(),
  };
}

export function saveRoutingState(rows: Rows, state: RoutingState, assignment: Assignment): void {
  rows.setMeta(cursorMeta(assignment.cursorKey), String(assignment.nextCursor));
  rows.setMeta('last_assigned', JSON.stringify(state.lastAssignedAt));
}
