// What happened to a test lead, step by step, as it happens: received, assigned, each alert
// queued and delivered (or failed), escalations, the claim. Read from the lead's own timeline.
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleLeadDetail, ConsoleTimelineEntry } from '../../shared/schemas';
import { get } from '../api';
import { useConsole } from '../context';
import { describe } from '../lead/timeline-text';
import { follow } from '../router';

const SHOWN = new Set([
  'received',
  'assigned',
  'alert_queued',
  'alert_sent',
  'delivery_failed',
  'alert_fallback',
  'alert_opened',
  'escalated',
  'claimed',
  'contacted',
  'outcome',
]);

export function TestLeadSteps({ leadId }: { leadId: string }) {
  const { me, live } = useConsole();
  const [detail, setDetail] = useState<ConsoleLeadDetail | null>(null);
  const liveItem = live.leads.get(leadId);
  useEffect(() => {
    let stop = false;
    const load = () =>
      get<ConsoleLeadDetail>(`/leads/${encodeURIComponent(leadId)}`).then(
        (d) => !stop && setDetail(d),
        () => undefined,
      );
    void load();
    // Deliveries are reported by the object after it sends; a slow poll catches any it misses.
    const timer = setInterval(load, 2000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [leadId, liveItem]);

  const entries: ConsoleTimelineEntry[] = detail?.timeline.filter((e) => SHOWN.has(e.type)) ?? [];
  const claimed = entries.some((e) => e.type === 'claimed');
  const t0 = detail ? Date.parse(detail.item.createdAt) : 0;
  return (
    <div class="test-steps">
      <ol aria-live="polite">
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`} class={e.type === 'delivery_failed' ? 'step-bad' : 'step-ok'}>
            <span class="step-mark" aria-hidden="true">
              {e.type === 'delivery_failed' ? '!' : '✓'}
            </span>
            <span>{describe(e, detail?.memberNames ?? {}, me.timeZone)}</span>
            <span class="muted small">+{((Date.parse(e.at) - t0) / 1000).toFixed(1)} s</span>
          </li>
        ))}
        {detail && !claimed && (
          <li class="step-wait">
            <span class="step-mark" aria-hidden="true">
              …
            </span>
            <span>
              Waiting for someone to claim it. Claim it from the queue to see the alerts stop.
            </span>
          </li>
        )}
      </ol>
      <a href={`/console/leads/${encodeURIComponent(leadId)}`} onClick={follow}>
        Open the test lead
      </a>
    </div>
  );
}
