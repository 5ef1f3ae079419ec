// "New lead" notice for leads that arrive while the console is open. It floats over the page
// (fixed position), so it appears at once without moving anything, and it is a polite live
// region, so screen readers announce it. The text is the homeowner's name as text.
import { useConsole } from '../context';
import { navigate } from '../router';

export function ArrivalNotice() {
  const { arrivals, dismissArrivals } = useConsole();
  const latest = arrivals[arrivals.length - 1];
  return (
    <div class="arrival-slot" role="status" aria-live="polite">
      {latest && (
        <div class={`arrival${latest.urgent ? ' arrival-urgent' : ''}`}>
          <p class="arrival-text">
            {arrivals.length === 1 ? (
              <>
                <strong>{latest.urgent ? 'Emergency lead' : 'New lead'}:</strong>{' '}
                <span class="arrival-name">{latest.name}</span>
                {latest.service ? ` · ${latest.service}` : ''}
              </>
            ) : (
              <strong>{arrivals.length} new leads waiting</strong>
            )}
          </p>
          <button
            type="button"
            class="btn btn-light"
            onClick={() => {
              dismissArrivals();
              navigate(
                arrivals.length === 1
                  ? `/console/leads/${encodeURIComponent(latest.id)}`
                  : '/console/',
              );
            }}
          >
            View
          </button>
          <button
            type="button"
            class="icon-btn arrival-close"
            aria-label="Dismiss"
            onClick={dismissArrivals}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
