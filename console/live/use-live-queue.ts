// Binds the LiveQueue to Preact state and turns arrivals into a beep, a buzz, the tab title
// and the arrival notice (which the queue shows in an overlay, so nothing on screen moves).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { QueueItem } from '../../shared/schemas';
import { beep, buzz, titleCount } from '../alerts';
import { get, signalSignedOut } from '../api';
import { LiveQueue, type LiveSnapshot } from './live-queue';

export interface Live {
  snapshot: LiveSnapshot;
  apply: (item: QueueItem) => void;
  /** Leads that arrived while this page was open, newest last; cleared when seen. */
  arrivals: QueueItem[];
  dismissArrivals: () => void;
}

const EMPTY: LiveSnapshot = { leads: new Map(), connection: 'connecting', skewMs: 0, ready: false };

export function useLiveQueue(): Live {
  const [snapshot, setSnapshot] = useState<LiveSnapshot>(EMPTY);
  const [arrivals, setArrivals] = useState<QueueItem[]>([]);
  const queue = useRef<LiveQueue | null>(null);

  useEffect(() => {
    const live = new LiveQueue(
      setSnapshot,
      (lead) => {
        setArrivals((list) => [...list.filter((l) => l.id !== lead.id), lead]);
        beep();
        buzz();
      },
      signalSignedOut,
      () => void get('/me').catch(() => undefined),
    );
    queue.current = live;
    live.start();
    return () => live.stop();
  }, []);

  const waiting = useMemo(
    () =>
      [...snapshot.leads.values()].filter((l) => l.status === 'received' || l.status === 'alerted')
        .length,
    [snapshot],
  );
  useEffect(() => titleCount(waiting), [waiting]);

  return {
    snapshot,
    apply: (item) => queue.current?.apply(item),
    arrivals,
    dismissArrivals: () => setArrivals([]),
  };
}
