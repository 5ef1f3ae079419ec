// Launcher CSS, inside the shadow root. Sizes are in px, never rem: rem follows the host page's
// <html> font-size, which themes set to anything (62.5%, 40px). `all: initial` on the bar cuts
// every inherited property (letter-spacing, text-transform, line-height...) that would otherwise
// flow in from the host page through the shadow boundary. The bar never wraps: wrapping would
// move "Request service" when "Call now" appears, so on narrow screens the call link shrinks to
// its icon (its text stays as the accessible name) and a long launcher text is cut with "…".
// A hidden "Call now" keeps its space (visibility, not display), so the fixed box does not grow
// when the config arrives: growing it was a layout shift Lighthouse counted.
export const FONT_STACK = 'system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif';

export const LAUNCHER_CSS = `
:host{all:initial}
.bar{all:initial;display:flex;justify-content:flex-end;align-items:center;gap:10px;max-width:calc(100vw - 32px);font:600 16px/1.25 ${FONT_STACK};color:#111827}
.btn{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;gap:8px;min-height:48px;padding:0 20px 0 16px;border-radius:999px;cursor:pointer;font:inherit;white-space:nowrap;box-shadow:0 8px 24px rgba(15,23,42,.22),0 2px 6px rgba(15,23,42,.12);transition:transform .15s}
.btn[hidden]{visibility:hidden}
.btn:hover{transform:translateY(-2px)}
.btn:focus-visible{outline:3px solid #111827;outline-offset:2px;box-shadow:0 0 0 2px #fff}
.open{min-width:0;background:var(--fc-brand);color:var(--fc-on-brand)}
.open span{overflow:hidden;text-overflow:ellipsis}
.call{background:#fff;color:#111827}
svg{width:20px;height:20px;flex:none;fill:currentColor}
@media (max-width:400px){.call{width:48px;padding:0;justify-content:center}.call span{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}}
@media (prefers-reduced-motion:reduce){.btn{transition:none}.btn:hover{transform:none}}
`;
