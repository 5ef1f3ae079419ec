// Optional Cloudflare Turnstile, for sites that turned it on. Its script has to run in the page
// (it can't find or size a widget inside a shadow root reliably), so the widget is rendered into
// a light-DOM child of <firstcall-widget> and shown inside the form through <slot name="turnstile">.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicSiteConfig } from '../../shared/schemas';

type TurnstileSettings = NonNullable<PublicSiteConfig['turnstile']>;

interface TurnstileApi {
  render: (
    container: HTMLElement,
    options: {
      sitekey: string;
      callback: (token: string) => void;
      'expired-callback': () => void;
      'error-callback': () => void;
      size: 'flexible';
    },
  ) => string | undefined;
  reset: (widgetId?: string) => void;
}

const turnstile = () => (window as Window & { turnstile?: TurnstileApi }).turnstile;

// One script per page, however often the form mounts.
let scriptLoad: Promise<unknown> | undefined;

// Inline !important because the container is in the host page's DOM, where a theme's reset
// (`* { all: unset }`) would otherwise collapse it. The height is Turnstile's, reserved up
// front so the form doesn't jump when the challenge appears.
const CONTAINER_STYLE = 'display:block!important;min-height:65px!important';

export interface TurnstileState {
  /** The current token; undefined until the check passes, and again once it expires or resets. */
  token: string | undefined;
  /** Asks for a fresh token (the server refused the last one). */
  reset: () => void;
}

export function useTurnstile(
  host: HTMLElement,
  settings: TurnstileSettings | undefined,
  onToken: () => void,
  /** The script could not load (blocked, offline): the homeowner can't pass the check. */
  onFail: () => void,
): TurnstileState {
  const [token, setToken] = useState<string | undefined>();
  const widgetId = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!settings) return;
    const container = document.createElement('div');
    container.slot = 'turnstile';
    container.style.cssText = CONTAINER_STYLE;
    host.append(container);
    scriptLoad ??= new Promise((onload, onerror) => {
      document.head.append(
        Object.assign(document.createElement('script'), {
          src: settings.scriptUrl,
          async: true,
          onload,
          onerror,
        }),
      );
    });
    scriptLoad
      .then(() => {
        // A script that loaded without defining the API throws here, and so counts as failed.
        widgetId.current = (turnstile() as TurnstileApi).render(container, {
          sitekey: settings.siteKey,
          callback: (value) => {
            setToken(value);
            onToken();
          },
          // Turnstile retries by itself after an error; until a new token comes there is none.
          'expired-callback': () => setToken(undefined),
          'error-callback': () => setToken(undefined),
          size: 'flexible',
        });
      })
      .catch(onFail);
    // The form unmounts once its lead is sent; the check goes with it.
    return () => container.remove();
  }, []);

  return {
    token,
    reset: () => {
      setToken(undefined);
      turnstile()?.reset(widgetId.current);
    },
  };
}
