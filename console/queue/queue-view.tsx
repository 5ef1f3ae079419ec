// The queue: three lists (waiting, in progress, done) behind tabs, each kept still while it is
// on screen (see stable-order.ts). Claiming is one tap on the card.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { QueueItem } from '../../shared/schemas';
import { ApiFailure, post } from '../api';
import { useConsole } from '../context';
import { useNow } from '../time';
import { LeadCard } from './lead-card';
import { useStableOrder } from './stable-order';
import { type QueueTab, TABS, tabOf } from './tabs';

const EMPTY: Record<QueueTab, string> = {
  waiting: 'Nobody is waiting. New leads appear here the moment they arrive.',
  working: 'No leads in progress. Claimed leads you and your team are working on show here.',
  done: 'Nothing closed in the last two days.',
};

export function QueueView({ selectedId }: { selectedId: string | null }) {
  const { me, live, apply, arrivals } = useConsole();
  const [tab, setTab] = useState<QueueTab>('waiting');
  const [claiming, setClaiming] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const now = useNow() + live.skewMs;
  // Coming back from a lead shows the lists afresh (on a phone the queue was out of sight).
  const [generation, setGeneration] = useState(0);
  const lastSelected = useRef(selectedId);
  useEffect(() => {
    if (lastSelected.current && !selectedId) setGeneration((g) => g + 1);
    lastSelected.current = selectedId;
  }, [selectedId]);
  const items = useStableOrder(live.leads, tab, `${tab}:${generation}`);
  const counts = { waiting: 0, working: 0, done: 0 };
  for (const l of live.leads.values()) counts[tabOf(l)]++;
  const fresh = new Set(arrivals.map((a) => a.id));

  async function claim(item: QueueItem) {
    setClaiming(item.id);
    try {
      apply(await post<QueueItem>(`/leads/${encodeURIComponent(item.id)}/claim`));
    } catch (err) {
      const message = err instanceof ApiFailure ? err.message : 'Could not claim';
      setProblems((p) => ({ ...p, [item.id]: message }));
    } finally {
      setClaiming(null);
    }
  }

  function onTabKey(event: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length];
    if (!next) return;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }

  return (
    <section class="queue" aria-label="Lead queue">
      <div class="tabs" role="tablist" aria-label="Lists" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            class="tab"
            aria-selected={tab === t.id}
            aria-controls="queue-panel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            <span class={`count${t.id === 'waiting' && counts.waiting > 0 ? ' count-hot' : ''}`}>
              {counts[t.id]}
            </span>
          </button>
        ))}
      </div>
      <div id="queue-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {!live.ready ? (
          <p class="empty">Loading the queue…</p>
        ) : items.length === 0 ? (
          <p class="empty">{EMPTY[tab]}</p>
        ) : (
          <ul class="cards">
            {items.map((item) => (
              <LeadCard
                key={item.id}
                item={item}
                meId={me.member.id}
                now={now}
                timeZone={me.timeZone}
                selected={item.id === selectedId}
                fresh={fresh.has(item.id)}
                problem={problems[item.id]}
                claiming={claiming === item.id}
                onClaim={claim}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
