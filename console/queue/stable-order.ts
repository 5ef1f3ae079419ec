// Keeps a list still while the CSR looks at it. The order is taken when the list is shown; later
// arrivals are appended at the end; a lead that leaves the list (claimed by someone, closed)
// stays where it is, showing its new state, until the list is shown afresh (another tab, or
// coming back from a lead). So a card never jumps away from under a thumb.
import { useRef } from 'preact/hooks';
import type { QueueItem } from '../../shared/schemas';
import { compareIn, type QueueTab, tabOf } from './tabs';

export function useStableOrder(
  leads: ReadonlyMap<string, QueueItem>,
  tab: QueueTab,
  resetKey: string,
): QueueItem[] {
  const state = useRef<{ key: string; ids: string[] } | null>(null);
  const inTab = [...leads.values()].filter((l) => tabOf(l) === tab).sort(compareIn(tab));
  if (!state.current || state.current.key !== resetKey) {
    state.current = { key: resetKey, ids: inTab.map((l) => l.id) };
  } else {
    const shown = new Set(state.current.ids);
    for (const l of inTab) if (!shown.has(l.id)) state.current.ids.push(l.id);
  }
  return state.current.ids.map((id) => leads.get(id)).filter((l): l is QueueItem => !!l);
}
