// The two small scripts a CSR's phone needs for Web Push before the console exists: the service
// worker that shows an alert and opens its claim link, and the claim page's "alert me on this
// phone" button. Plain JavaScript kept as strings so the worker serves them from its own origin.

/** Served at /sw.js. The notification's action opens the claim link (marked so the open counts). */
export const SERVICE_WORKER_JS = `'use strict';
self.addEventListener('push', (event) => {
  let alert = { title: 'New lead', body: '', url: '/', tag: 'lead', urgent: false };
  try { alert = Object.assign(alert, event.data.json()); } catch (e) {}
  event.waitUntil(self.registration.showNotification(alert.title, {
    body: alert.body,
    tag: alert.tag,
    renotify: true,
    requireInteraction: alert.urgent,
    data: { url: alert.url },
    actions: [{ action: 'open', title: 'Open & claim' }],
  }));
});
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(self.clients.openWindow(url));
});
`;

/** Served at /claim-push.js; the claim page's button carries the VAPID key and where to post. */
export const CLAIM_PUSH_JS = `'use strict';
(function () {
  const button = document.getElementById('push-toggle');
  const status = document.getElementById('push-status');
  if (!button || !('serviceWorker' in navigator) || !('PushManager' in window)) {
    if (button) button.hidden = true;
    return;
  }
  const say = (text) => { status.textContent = text; };
  const key = (b64) => {
    const raw = atob((b64 + '==='.slice((b64.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if ((await Notification.requestPermission()) !== 'granted') { say('Notifications are blocked for this site.'); return; }
      const registration = await navigator.serviceWorker.register('/sw.js');
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(button.dataset.vapid) });
      const res = await fetch(button.dataset.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(subscription) });
      say(res.ok ? 'This phone will get lead alerts.' : 'Could not turn on alerts (' + res.status + ').');
    } catch (e) {
      say('Could not turn on alerts on this phone.');
    } finally {
      button.disabled = false;
    }
  });
})();
`;
