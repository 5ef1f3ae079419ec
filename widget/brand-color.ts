// Contractors pick any brand colour, including light ones (yellow, lime). Text on it must stay
// readable, so the text colour is chosen by WCAG relative luminance rather than assumed white.
const HEX = /^#[0-9a-f]{6}$/i;
export const DEFAULT_BRAND = '#0b5fff';

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** The brand colour if it is a plain #rrggbb (it ends up in CSS), else the default. */
export function safeBrand(color: string): string {
  return HEX.test(color) ? color : DEFAULT_BRAND;
}

/** Near-black or white, whichever contrasts more with `color` (#rrggbb). */
export function textOnBrand(color: string): string {
  const n = Number.parseInt(color.slice(1), 16);
  const luminance =
    0.2126 * channel((n >> 16) & 255) +
    0.7152 * channel((n >> 8) & 255) +
    0.0722 * channel(n & 255);
  // Above ~0.21 dark text (#111827) contrasts more than white does.
  return luminance > 0.21 ? '#111827' : '#ffffff';
}
