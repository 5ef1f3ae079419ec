// Earlier requests from the same number, so nobody asks the homeowner to repeat themselves.
import type { ConsoleLeadDetail } from '../../shared/schemas';
import { follow } from '../router';
import { dateTime } from '../time';

export function PastLeads({ detail, timeZone }: { detail: ConsoleLeadDetail; timeZone: string }) {
  return (
    <section class="panel" aria-labelledby="past-title">
      <h2 id="past-title">Earlier requests from this number</h2>
      {detail.pastLeads.length === 0 ? (
        <p class="muted">None: this is their first request.</p>
      ) : (
        <ul class="past">
          {detail.pastLeads.map((p) => (
            <li key={p.id}>
              <a href={`/console/leads/${encodeURIComponent(p.id)}`} onClick={follow}>
                {dateTime(p.createdAt, timeZone)}
              </a>
              <span>
                {[p.service ?? 'No service given', p.status, p.claimedByName]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
