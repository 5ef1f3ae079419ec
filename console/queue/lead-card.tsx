// One lead in the queue. Every card has the same height whatever it holds (one line per field,
// cut with an ellipsis), so a change of state never moves the cards around it. Names and
// everything else a homeowner typed are rendered as text.
import type { QueueItem } from '../../shared/schemas';
import { CallIcon, TextIcon } from '../icons';
import { follow } from '../router';
import { ago, clock, slaCountdown } from '../time';
import { tabOf } from './tabs';

interface Props {
  item: QueueItem;
  meId: string;
  now: number;
  timeZone: string;
  selected: boolean;
  fresh: boolean;
  problem: string | undefined;
  claiming: boolean;
  onClaim: (item: QueueItem) => void;
}

const STATUS_TEXT: Record<string, string> = {
  booked: 'Booked',
  lost: 'Lost',
  spam: 'Spam',
  contacted: 'Reached',
  claimed: 'Claimed',
};

function whoLine(item: QueueItem, meId: string): string {
  if (item.claimedBy === meId) return item.status === 'contacted' ? 'Yours · reached' : 'Yours';
  if (item.claimedBy) return `Claimed by ${item.claimedByName ?? item.claimedBy}`;
  if (item.assigneeName) return `Assigned to ${item.assigneeName}`;
  return 'Not assigned';
}

export function LeadCard(p: Props) {
  const { item, now } = p;
  const tab = tabOf(item);
  const mine = item.claimedBy === p.meId;
  const sla = tab === 'waiting' ? slaCountdown(item.respondBy, now, p.timeZone) : null;
  const retryDue = item.retryAt !== null && Date.parse(item.retryAt) <= now;
  const labelId = `lead-${item.id}`;
  return (
    <li
      class={`card card-${tab}${p.selected ? ' is-selected' : ''}${p.fresh ? ' is-fresh' : ''}`}
      aria-labelledby={labelId}
    >
      <div class="card-main">
        <a
          class="card-title"
          id={labelId}
          href={`/console/leads/${encodeURIComponent(item.id)}`}
          onClick={follow}
          aria-current={p.selected ? 'page' : undefined}
        >
          <span class="card-name">{item.name}</span>
        </a>
        <div class="card-line">
          {item.urgent && <span class="badge badge-urgent">Emergency</span>}
          {item.test && <span class="badge badge-test">Test</span>}{' '}
          {[item.service ?? 'No service given', item.zip].filter(Boolean).join(' · ')}
        </div>
        <div class={`card-line${p.problem ? ' card-problem' : ''}`}>
          {p.problem ??
            (item.retryAt && tab === 'working'
              ? `${retryDue ? 'Call back now' : `Call back ${clock(item.retryAt, p.timeZone)}`} · ${whoLine(item, p.meId)}`
              : whoLine(item, p.meId))}
        </div>
      </div>
      <div class="card-side">
        {/* Keyed: the countdown and the status are different nodes, so one replacing the
            other is new content, not text sliding inside a box. */}
        {sla ? (
          <span key="sla" class={`sla sla-${sla.tone}`}>
            {sla.text}
          </span>
        ) : (
          <span key={`status-${item.status}`} class={`status status-${item.status}`}>
            {item.appointmentAt && item.status === 'booked'
              ? `Booked ${clock(item.appointmentAt, p.timeZone)}`
              : (STATUS_TEXT[item.status] ?? item.status)}
          </span>
        )}
        <span class="age">{ago(item.createdAt, now)}</span>
        {tab === 'waiting' && !item.claimedBy && (
          <button
            type="button"
            class="btn btn-primary btn-claim"
            disabled={p.claiming}
            onClick={() => p.onClaim(item)}
            aria-label={`Claim ${item.name}`}
          >
            {p.claiming ? 'Claiming…' : 'Claim'}
          </button>
        )}
        {tab === 'working' && mine && (
          <span class="card-contact">
            <a class="icon-btn" href={`tel:${item.phone}`} aria-label={`Call ${item.name}`}>
              <CallIcon />
            </a>
            <a class="icon-btn" href={`sms:${item.phone}`} aria-label={`Text ${item.name}`}>
              <TextIcon />
            </a>
          </span>
        )}
      </div>
    </li>
  );
}
