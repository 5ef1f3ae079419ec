// Draws the launcher into the shadow root at once, before the site config arrives, so the
// homeowner sees it immediately. "Call now" is in the markup from the start, hidden but holding
// its place to the left of "Request service", so showing it later moves nothing.
import { LAUNCHER_CSS } from './launcher-styles';

// Hand-drawn 24x24 glyphs; aria-hidden because the text beside them is the accessible name.
const PHONE_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 2.5h3.2l1.9 5-2.4 1.6a12 12 0 0 0 6.2 6.2l1.6-2.4 5 1.9V18a3 3 0 0 1-3 3A17.5 17.5 0 0 1 3 5.5a3 3 0 0 1 3-3z"/></svg>';
const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M5 3h14a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-7l-5.5 4v-4H5a3 3 0 0 1-3-3V6a3 3 0 0 1 3-3zm2 6.5v2h10v-2z"/></svg>';

export interface Launcher {
  openButton: HTMLButtonElement;
  openLabel: HTMLElement;
  callLink: HTMLAnchorElement;
  /** Where the form module renders its dialog. */
  formSlot: HTMLElement;
}

export function drawLauncher(root: ShadowRoot): Launcher {
  root.innerHTML =
    `<style>${LAUNCHER_CSS}</style><div class="bar">` +
    `<a class="btn call" part="call" hidden>${PHONE_ICON}<span>Call now</span></a>` +
    `<button class="btn open" part="open" type="button" aria-haspopup="dialog" aria-expanded="false">${CHAT_ICON}<span>Request service</span></button>` +
    '</div><div></div>';
  const pick = <T extends Element>(selector: string) => root.querySelector(selector) as T;
  return {
    openButton: pick<HTMLButtonElement>('.open'),
    openLabel: pick<HTMLElement>('.open span'),
    callLink: pick<HTMLAnchorElement>('.call'),
    formSlot: pick<HTMLElement>('.bar+div'),
  };
}
