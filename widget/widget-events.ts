// Fire-and-forget analytics events to the worker. sendBeacon survives the page being left (a
// tel: link may hand over to the phone app at once), and a text/plain body is a "simple" CORS
// request, so no preflight round-trip is needed; the worker parses it as JSON anyway.
import type { WidgetEvent } from '../shared/schemas';
import { pageAttribution } from './attribution';
import { siteEndpoint } from './endpoints';

export function sendWidgetEvent(origin: string, site: string, type: WidgetEvent['type']): void {
  const url = siteEndpoint(origin, site, 'events');
  const event: WidgetEvent = { type, page: pageAttribution() };
  const body = new Blob([JSON.stringify(event)], { type: 'text/plain' });
  try {
    if (navigator.sendBeacon(url, body)) return;
  } catch {
    // Some privacy extensions stub sendBeacon out; fall through to fetch.
  }
  fetch(url, { method: 'POST', body, keepalive: true, mode: 'no-cors' }).catch(() => {});
}
