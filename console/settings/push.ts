// Web Push on this device: subscribe with the worker's VAPID key through the console's service
// worker, and remember the subscription's id here so the device can turn itself off again.
import { call, post } from '../api';

const ID_KEY = 'firstcall:push-id';

export const pushSupported = (): boolean =>
  'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function key(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export async function pushEnabled(): Promise<boolean> {
  if (!pushSupported() || !localStorage.getItem(ID_KEY)) return false;
  const registration = await navigator.serviceWorker.getRegistration('/console/');
  return Boolean(await registration?.pushManager.getSubscription());
}

export async function enablePush(vapidPublicKey: string): Promise<void> {
  if ((await Notification.requestPermission()) !== 'granted')
    throw new Error('Notifications are blocked for this site in the browser settings.');
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key(vapidPublicKey),
  });
  const saved = await post<{ id: string }>('/push-subscriptions', subscription.toJSON());
  localStorage.setItem(ID_KEY, saved.id);
}

export async function disablePush(): Promise<void> {
  const id = localStorage.getItem(ID_KEY);
  const registration = await navigator.serviceWorker.getRegistration('/console/');
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
  localStorage.removeItem(ID_KEY);
  if (id) await call('DELETE', `/push-subscriptions/${encodeURIComponent(id)}`).catch(() => {});
}

export const sendTestPush = (): Promise<{ queued: number }> => post('/push-subscriptions/test');
