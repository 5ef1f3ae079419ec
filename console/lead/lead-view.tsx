// One lead: who, what they asked for, claim / call / text, the outcome, notes, the timeline,
// where they came from and their earlier requests. It reloads whenever the live queue says the
// lead changed, so a colleague's claim or a new alert shows without a reload.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleLeadDetail, QueueItem } from '../../shared/schemas';
import { ApiFailure, get, post } from '../api';
import { useConsole } from '../context';
import { BackIcon, CallIcon, TextIcon } from '../icons';
import { follow } from '../router';
import { ago, clock, dateTime, slaCountdown, useNow } from '../time';
import { Attribution, LeadFacts } from './lead-facts';
import { Notes } from './notes';
import { OutcomePanel } from './outcome-panel';
import { PastLeads } from './past-leads';
import { Timeline } from './timeline';

const STATUS: Record<string, string> = {
  received: 'Waiting',
  alerted: 'Waiting',
  claimed: 'Claimed',
  contacted: 'Reached',
  booked: 'Booked',
  lost: 'Lost',
  spam: 'Spam',
};

export function LeadView({ id }: { id: string }) {
  const { me, live, apply } = useConsole();
  const liveItem = live.leads.get(id);
  const [detail, setDetail] = useState<ConsoleLeadDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [claiming, setClaiming] = useState(false);
  const now = useNow() + live.skewMs;
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(
      () => {
        get<ConsoleLeadDetail>(`/leads/${encodeURIComponent(id)}`)
          .then((d) => {
            if (!cancelled) {
              setDetail(d);
              setProblem(null);
            }
          })
          .catch((err: unknown) => {
            if (!cancelled)
              setProblem(err instanceof ApiFailure ? err.message : 'Could not load this lead');
          });
      },
      // Alerts and deliveries come in bursts: one reload for the burst.
      150,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [id, liveItem, reloads]);

  const current = detail?.item.id === id ? detail : null;
  // Once the lead is on screen, focus its name, so a screen reader starts there; only once, so
  // live reloads never pull focus away from what the CSR is doing.
  const focused = useRef(false);
  const shown = current !== null;
  useEffect(() => {
    if (!shown || focused.current) return;
    focused.current = true;
    document.getElementById('lead-title')?.focus();
  }, [shown]);
  const item: QueueItem | undefined = liveItem ?? current?.item;
  const saved = (next: QueueItem) => {
    apply(next);
    setReloads((n) => n + 1);
  };

  async function claim() {
    if (!item) return;
    setClaiming(true);
    try {
      saved(await post<QueueItem>(`/leads/${encodeURIComponent(item.id)}/claim`));
    } catch (err) {
      setProblem(err instanceof ApiFailure ? err.message : 'Could not claim');
    } finally {
      setClaiming(false);
    }
  }

  if (!item || !current) {
    return (
      <article class="lead" aria-busy={!problem}>
        <a class="back" href="/console/" onClick={follow}>
          <BackIcon /> Queue
        </a>
        <p class={problem ? 'field-error' : 'empty'}>{problem ?? 'Loading the lead…'}</p>
      </article>
    );
  }

  const waiting = item.status === 'received' || item.status === 'alerted';
  const closed = ['booked', 'lost', 'spam'].includes(item.status);
  const sla = waiting ? slaCountdown(item.respondBy, now, me.timeZone) : null;
  const callFirst = () => {
    if (waiting) void claim();
  };
  return (
    <article class="lead" aria-labelledby="lead-title">
      <a class="back" href="/console/" onClick={follow}>
        <BackIcon /> Queue
      </a>
      <header class="lead-head">
        <h1 id="lead-title" tabIndex={-1}>
          {item.name}
        </h1>
        <p class="lead-sub">
          <span class={`status status-${item.status}`}>{STATUS[item.status] ?? item.status}</span>
          {item.urgent && <span class="badge badge-urgent">Emergency</span>}
          {item.test && <span class="badge badge-test">Test</span>}
          {sla && <span class={`sla sla-${sla.tone}`}>{sla.text}</span>}
          <span class="muted">
            {item.service ?? 'No service given'} · {ago(item.createdAt, now)}
          </span>
        </p>
        <p class="muted small">
          {item.claimedBy
            ? `Claimed by ${item.claimedBy === me.member.id ? 'you' : item.claimedByName} ${item.claimedAt ? ago(item.claimedAt, now) : ''}`
            : item.assigneeName
              ? `Assigned to ${item.assigneeName}; nobody has claimed it yet`
              : 'Nobody has claimed it yet'}
          {item.appointmentAt && ` · Appointment ${dateTime(item.appointmentAt, me.timeZone)}`}
          {item.retryAt && !closed && ` · Call back ${dateTime(item.retryAt, me.timeZone)}`}
        </p>
        {item.escalation && (
          <p class="muted small">{escalationLine(item.escalation, me.timeZone)}</p>
        )}
      </header>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <div class="lead-actions">
        {waiting && (
          <button type="button" class="btn btn-primary btn-big" disabled={claiming} onClick={claim}>
            {claiming ? 'Claiming…' : 'Claim'}
          </button>
        )}
        <a class="btn btn-call btn-big" href={`tel:${item.phone}`} onClick={callFirst}>
          <CallIcon /> Call
        </a>
        <a class="btn btn-big" href={`sms:${item.phone}`} onClick={callFirst}>
          <TextIcon /> Text
        </a>
      </div>
      <div class="lead-body">
        <div class="lead-col">
          <LeadFacts detail={current} />
          {!closed && <OutcomePanel item={item} onSaved={saved} />}
          <Notes detail={current} timeZone={me.timeZone} onSaved={() => setReloads((n) => n + 1)} />
        </div>
        <div class="lead-col">
          <Timeline detail={current} timeZone={me.timeZone} />
          <PastLeads detail={current} timeZone={me.timeZone} />
          <Attribution detail={current} />
        </div>
      </div>
    </article>
  );
}

/** Which step the escalation is on and when the next one fires, in the site's time zone. */
function escalationLine(e: NonNullable<QueueItem['escalation']>, timeZone: string): string {
  const step = (n: number | null) => (n === null ? '' : `step ${n + 1}`);
  const done =
    e.currentStep === null ? 'no step has fired yet' : `${step(e.currentStep)} has fired`;
  const next = e.nextAt
    ? `next alert (${step(e.nextStep)}) at ${clock(e.nextAt, timeZone)}`
    : 'no further alerts';
  return e.phase === 'contact'
    ? `Claimed, homeowner not reached yet: escalation ${done}; ${next}`
    : `Escalation: ${done}; ${next}`;
}
