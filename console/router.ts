// A tiny history router: the console has four kinds of page, all under /console/.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'queue' }
  | { name: 'lead'; id: string }
  | { name: 'settings'; tab: string }
  | { name: 'join' };

export function parseRoute(pathname: string): Route {
  const parts = pathname
    .replace(/^\/console\/?/, '')
    .split('/')
    .filter(Boolean);
  if (parts[0] === 'leads' && parts[1]) return { name: 'lead', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'settings') return { name: 'settings', tab: parts[1] ?? 'you' };
  if (parts[0] === 'join') return { name: 'join' };
  return { name: 'queue' };
}

const CHANGE = 'firstcall:navigate';

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}

/** For <a href> inside the app: a plain click navigates in place, a modified click opens a tab. */
export function follow(event: MouseEvent): void {
  const link = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href') ?? '/console/');
}
