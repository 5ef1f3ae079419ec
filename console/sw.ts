// The console's service worker (scope /console/): it makes the console installable and shows
// Web Push alerts. A tap on an alert opens the lead in the console, reusing an open console
// window when there is one. Alerts carry the claim link (/c/<token>); the service worker opens
// that link's lead in the console and still fetches the link, marked ?via=push, in the
// background, so the timeline records that the alert was opened.
//
// Typed against the few service-worker APIs it uses; the console's TypeScript setup has the DOM
// library, not the WebWorker one, and the two cannot share a program.

interface PushAlert {
  title: string;
  body: string;
  url: string;
  tag: string;
  urgent: boolean;
}

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationClickEvent extends ExtendableEvent {
  notification: Notification & { data: { url?: string } | null };
}
interface WindowClient {
  url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface ServiceWorkerScope {
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  location: Location;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'push', listener: (e: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (e: NotificationClickEvent) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;

sw.addEventListener('install', (event) => event.waitUntil(sw.skipWaiting()));
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));

sw.addEventListener('push', (event) => {
  let alert: PushAlert = {
    title: 'New lead',
    body: '',
    url: '/console/',
    tag: 'lead',
    urgent: false,
  };
  try {
    alert = { ...alert, ...(event.data?.json() as Partial<PushAlert>) };
  } catch {
    // Not JSON: show the default.
  }
  event.waitUntil(
    sw.registration.showNotification(alert.title, {
      body: alert.body,
      tag: alert.tag,
      requireInteraction: alert.urgent,
      icon: '/console/icon-192.png',
      data: { url: alert.url },
    }),
  );
});

/** The console page for an alert's link: a claim link names its lead in its (signed) payload. */
function consoleUrl(link: string): { open: string; ping: string | null } {
  try {
    const url = new URL(link, sw.location.origin);
    const claim = /^\/c\/([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (url.origin === sw.location.origin && claim?.[2]) {
      const payload = atob(claim[2].replace(/-/g, '+').replace(/_/g, '/'));
      const leadId = (JSON.parse(payload) as unknown[])[1];
      if (typeof leadId === 'string')
        return { open: `/console/leads/${encodeURIComponent(leadId)}`, ping: url.href };
    }
    return { open: url.href, ping: null };
  } catch {
    return { open: '/console/', ping: null };
  }
}

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { open, ping } = consoleUrl(event.notification.data?.url ?? '/console/');
  event.waitUntil(
    (async () => {
      if (ping) await fetch(ping, { credentials: 'omit' }).catch(() => undefined);
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open_ = windows.find((w) => new URL(w.url).pathname.startsWith('/console'));
      if (open_) {
        await open_.focus();
        await open_.navigate(open);
        return;
      }
      await sw.clients.openWindow(open);
    })(),
  );
});
