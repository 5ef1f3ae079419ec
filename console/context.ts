// What every part of the signed-in console needs: who is signed in and the live queue.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleMe, QueueItem } from '../shared/schemas';
import type { LiveSnapshot } from './live/live-queue';

export interface ConsoleState {
  me: ConsoleMe;
  setMe: (me: ConsoleMe) => void;
  live: LiveSnapshot;
  /** Shows an item the API just returned, before the socket echoes it. */
  apply: (item: QueueItem) => void;
  /** Leads that arrived while the console was open and have not been looked at. */
  arrivals: QueueItem[];
  dismissArrivals: () => void;
}

export const Console = createContext<ConsoleState | null>(null);

export function useConsole(): ConsoleState {
  const state = useContext(Console);
  if (!state) throw new Error('useConsole outside <Console.Provider>');
  return state;
}

export const isManager = (me: ConsoleMe): boolean => me.member.role !== 'csr';
