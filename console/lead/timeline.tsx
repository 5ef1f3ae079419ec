// The lead's whole story, oldest first: alerts, deliveries, escalations, claims, replies, notes.
import type { ConsoleLeadDetail } from '../../shared/schemas';
import { clock } from '../time';
import { describe, quoted } from './timeline-text';

export function Timeline({ detail, timeZone }: { detail: ConsoleLeadDetail; timeZone: string }) {
  return (
    <section class="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol class="timeline">
        {detail.timeline.map((e, i) => {
          const words = quoted(e);
          return (
            <li key={`${e.at}-${i}`} class={`tl tl-${e.type}`}>
              <time dateTime={e.at}>{clock(e.at, timeZone)}</time>
              <div>
                <span>{describe(e, detail.memberNames, timeZone)}</span>
                {words && <p class="quote">{words}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
