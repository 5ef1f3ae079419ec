// The outbox: a lead the form could not deliver (offline, or the server still failing after
// submitLead's own retries) is kept on the device with its Idempotency-Key and exact body, and
// sent when it could get through: back online, the page shown again, the next page load of any
// page of the site (the loader looks for waiting leads and calls `flushOutbox`), or every 30 s
// while the page stays open. However often one goes out, the server makes one lead of it.
//
// One widget per page (the loader makes sure), so the state here is the page's.
import type { LeadInput } from '../../shared/schemas';
import { siteEndpoint } from '../endpoints';
import { type OutboxContext, outboxKey } from '../form-contract';
import { announceLead } from '../host-events';
import { SINGLE_TRY, type SubmitOutcome, submitLead } from './submit-lead';

export interface QueuedLead {
  key: string;
  /** The JSON body as first sent: the server binds the key to it. */
  body: string;
  /** When it was queued (ms since the epoch). */
  at: number;
}

/** After a week the homeowner has surely called or gone elsewhere; a late lead only confuses. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Online but the server failing fires no `online` event, so an open page keeps trying. */
const RETRY_MS = 30_000;

// What storage could not keep: everything when it is blocked (Safari private mode, a sandboxed
// frame), or the newest item when it is full. Lost with the page, as the form tells the homeowner.
let memory: QueuedLead[] = [];
let sending = false;
let retry: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<(key: string, outcome: SubmitOutcome) => void>();

function load(site: string): QueuedLead[] {
  let stored: QueuedLead[] = [];
  try {
    stored = JSON.parse(localStorage.getItem(outboxKey(site)) ?? '[]') as QueuedLead[];
  } catch {
    // Blocked storage or a damaged value: memory is all there is.
  }
  const keys = new Set(stored.map((item) => item.key));
  return stored
    .concat(memory.filter((item) => !keys.has(item.key)))
    .filter((item) => Date.now() - item.at < MAX_AGE_MS);
}

/** Replaces the whole list; false when it could only be kept in memory. */
function save(site: string, items: QueuedLead[]): boolean {
  memory = items;
  try {
    if (items.length) localStorage.setItem(outboxKey(site), JSON.stringify(items));
    else localStorage.removeItem(outboxKey(site));
    memory = [];
    return true;
  } catch {
    return false;
  }
}

function retryLater(ctx: OutboxContext): void {
  clearTimeout(retry);
  retry = setTimeout(() => void flushOutbox(ctx), RETRY_MS);
}

/**
 * Queues a lead, replacing any copy with the same key so there are never two. Returns false when
 * storage refused it: it then lasts only as long as the page.
 */
export function queueLead(ctx: OutboxContext, key: string, body: string): boolean {
  const kept = save(
    ctx.site,
    load(ctx.site)
      .filter((item) => item.key !== key)
      .concat({ key, body, at: Date.now() }),
  );
  retryLater(ctx);
  return kept;
}

/** The oldest lead still waiting, so a reopened form can say it is on its way. */
export function pendingLead(site: string): QueuedLead | undefined {
  return load(site)[0];
}

/** Hears the server's final answer for each queued lead; returns the unsubscribe. */
export function onOutboxAnswer(listener: (key: string, outcome: SubmitOutcome) => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export async function flushOutbox(ctx: OutboxContext): Promise<void> {
  // One sender at a time: `online` and `visibilitychange` often fire together.
  if (sending) return;
  sending = true;
  clearTimeout(retry);
  try {
    const items = load(ctx.site);
    // Writing back what was read drops items that just turned a week old.
    save(ctx.site, items);
    for (const item of items) {
      const outcome = await submitLead(
        siteEndpoint(ctx.origin, ctx.site, 'leads'),
        item.body,
        item.key,
        SINGLE_TRY,
      );
      if (outcome.kind === 'unreachable') return retryLater(ctx);
      // Accepted, or refused for good (a 4xx): either way it is done with.
      save(
        ctx.site,
        load(ctx.site).filter((other) => other.key !== item.key),
      );
      if (outcome.kind === 'created')
        announceLead(ctx.host, outcome.lead, JSON.parse(item.body) as LeadInput);
      for (const listener of listeners) listener(item.key, outcome);
    }
  } finally {
    sending = false;
  }
}
