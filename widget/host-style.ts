// Pins the <firstcall-widget> element itself. A theme's broad rules (`* { all: unset }`,
// `firstcall-widget { display: none }`, `* { z-index: 1 }`, zoom hacks) match the host element
// from outside the shadow root, and outer rules beat `:host`. Inline `!important` declarations
// are the one thing a stylesheet can't override, so every property that decides whether the
// launcher is visible, on top and clickable is set here.
const PINNED =
  'display:block;position:fixed;right:16px;bottom:16px;left:auto;top:auto;z-index:2147483647;' +
  'margin:0;padding:0;border:0;width:auto;height:auto;max-width:none;transform:none;zoom:1;' +
  'opacity:1;visibility:visible;pointer-events:auto;filter:none;clip-path:none;background:none';

export function pinHostStyle(host: HTMLElement): void {
  for (const declaration of PINNED.split(';')) {
    const [property = '', value = ''] = declaration.split(':');
    host.style.setProperty(property, value, 'important');
  }
}
