// What the outbox tests look at: the lead POSTs a page makes (with their Idempotency-Key and
// answer), what waits in the page's localStorage, and the events the host page heard.
import type { Page } from 'playwright-core';
import type { LeadCreated } from '../../shared/schemas';

export interface LeadPost {
  key: string;
  /** The HTTP status, or 0 while unanswered or when the request failed (offline). */
  status: number;
  /** What the server answered when it accepted the lead. */
  created?: LeadCreated;
}

export interface QueuedLeadView {
  key: string;
  body: string;
  at: number;
}

/** Records every lead POST the page sends from now on, in order. */
export function recordLeadPosts(page: Page, leadsUrl: string): LeadPost[] {
  const posts: LeadPost[] = [];
  page.on('request', (request) => {
    if (request.url() !== leadsUrl || request.method() !== 'POST') return;
    const post: LeadPost = { key: request.headers()['idempotency-key'] ?? '', status: 0 };
    posts.push(post);
    void request.response().then(
      async (response) => {
        post.status = response?.status() ?? 0;
        if (response?.ok()) post.created = (await response.json()) as LeadCreated;
      },
      () => {},
    );
  });
  return posts;
}

export const outboxStorageKey = (site: string) => `firstcall:outbox:${site}`;

/** The outbox as stored on the device for `site` (what the host origin's localStorage holds). */
export function queuedLeads(page: Page, site: string): Promise<QueuedLeadView[]> {
  return page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? '[]') as QueuedLeadView[],
    outboxStorageKey(site),
  );
}

/** The `firstcall:lead-submitted` details the host page has heard so far. */
export function leadsSubmitted(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    window.hostEvents.filter((e) => e.type === 'firstcall:lead-submitted').map((e) => e.detail),
  );
}

declare global {
  interface Window {
    hostEvents: { type: string; detail: unknown }[];
  }
}
