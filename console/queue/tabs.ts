// Which list a lead belongs in, and the order each list starts in. Waiting leads are oldest
// first (the nearest to breaking the promise on top), so a new lead joins at the bottom and
// nothing above it moves.
import type { QueueItem } from '../../shared/schemas';

export type QueueTab = 'waiting' | 'working' | 'done';
export const TABS: ReadonlyArray<{ id: QueueTab; label: string }> = [
  { id: 'waiting', label: 'Waiting' },
  { id: 'working', label: 'In progress' },
  { id: 'done', label: 'Done' },
];

export function tabOf(item: QueueItem): QueueTab {
  if (item.status === 'received' || item.status === 'alerted') return 'waiting';
  if (item.status === 'claimed' || item.status === 'contacted') return 'working';
  return 'done';
}

const time = (iso: string | null) => (iso ? Date.parse(iso) : 0);

export function compareIn(tab: QueueTab): (a: QueueItem, b: QueueItem) => number {
  if (tab === 'waiting') return (a, b) => time(a.createdAt) - time(b.createdAt);
  if (tab === 'working')
    // A retry that is due soonest first, then the longest-held.
    return (a, b) =>
      (time(a.retryAt) || Number.MAX_SAFE_INTEGER) - (time(b.retryAt) || Number.MAX_SAFE_INTEGER) ||
      time(a.claimedAt) - time(b.claimedAt);
  return (a, b) => time(b.createdAt) - time(a.createdAt);
}
