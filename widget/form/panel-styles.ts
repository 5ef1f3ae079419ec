// Panel CSS, inside the shadow root. As in the launcher: px not rem (the host's <html> size is
// anyone's guess), and `all: initial` on .panel so nothing inherited from the host page leaks in.
// Inputs are 16px so iOS Safari doesn't zoom the page when one is focused.
import { FONT_STACK } from '../launcher-styles';

const ink = '#111827';
const accentInk = `color-mix(in srgb,var(--fc-brand) 65%,${ink})`;

export const PANEL_CSS = `
.dlg{position:fixed;inset:auto 16px 16px auto;margin:0;padding:0;border:0;width:420px;max-width:calc(100vw - 32px);max-height:calc(100dvh - 32px);border-radius:16px;background:#fff;color:${ink};box-shadow:0 24px 64px rgba(15,23,42,.3),0 4px 12px rgba(15,23,42,.12);overflow:hidden}
.dlg[open]{display:flex;flex-direction:column;animation:fc-in .2s ease-out}
.dlg::backdrop{background:rgba(15,23,42,.45)}
@keyframes fc-in{from{opacity:0;transform:translateY(16px)}}
.panel{all:initial;display:flex;flex-direction:column;flex:1;min-height:0;font:400 16px/1.5 ${FONT_STACK};color:${ink}}
.panel *{box-sizing:border-box}
.head{display:flex;align-items:flex-start;justify-content:space-between;gap:12px;padding:18px 14px 16px 20px;background:var(--fc-brand);color:var(--fc-on-brand)}
.head h2{margin:0;font-size:19px;line-height:1.3;font-weight:700}
.head p{margin:4px 0 0;font-size:14px;line-height:1.4;opacity:.92}
.x{all:unset;flex:none;display:grid;place-items:center;width:40px;height:40px;margin:-6px 0 0;border-radius:50%;cursor:pointer;color:inherit}
.x:hover{background:color-mix(in srgb,currentColor 16%,transparent)}
.x svg{width:22px;height:22px;fill:currentColor}
.body{overflow-y:auto;overscroll-behavior:contain;padding:20px}
.form{display:grid;gap:18px}
.field{display:grid;gap:6px}
label,legend{font-size:15px;font-weight:600;line-height:1.35}
.opt{font-weight:400;color:#64748b}
.field input,.field select,.field textarea{font:inherit;font-size:16px;color:${ink};width:100%;min-height:46px;margin:0;padding:10px 12px;border:1px solid #94a3b8;border-radius:10px;background:#fff}
.field.narrow input{max-width:180px}
textarea{resize:vertical;min-height:92px}
.field :focus{border-color:var(--fc-brand)}
:focus-visible{outline:3px solid ${accentInk};outline-offset:2px}
[aria-invalid=true]{border-color:#b91c1c!important}
.error{margin:0;color:#b91c1c;font-size:14px;font-weight:600}
.check{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;align-items:start;padding:12px 14px;border:1px solid #e2e8f0;border-radius:12px}
.check label{display:grid;gap:4px;font-weight:400;cursor:pointer}
.check .error{grid-column:2}
.check.alert{border-color:#fca5a5;background:#fef2f2}
input[type=checkbox],input[type=radio]{width:20px;height:20px;margin:2px 0 0;accent-color:var(--fc-brand);cursor:pointer}
.hint{font-size:14px;color:#991b1b}
.consent{font-size:13px;line-height:1.45;color:#475569}
.choice{display:grid;gap:8px;min-width:0;margin:0;padding:0;border:0}
.choice legend{padding:0;margin-bottom:8px}
.pills{display:flex;gap:10px}
.pill{flex:1;display:flex;align-items:center;gap:10px;padding:10px 14px;border:1px solid #94a3b8;border-radius:10px;font-weight:500;cursor:pointer}
.pill input{margin:0}
.pill:has(:checked){border-color:var(--fc-brand);background:color-mix(in srgb,var(--fc-brand) 8%,#fff)}
.send{display:grid;gap:10px}
.alert-box{padding:12px 14px;border:1px solid #fca5a5;border-radius:10px;background:#fef2f2;color:#7f1d1d;font-size:15px}
.alert-box.empty{padding:0;border:0}
.alert-box ul{margin:6px 0 0;padding-left:20px}
.hp{position:absolute;left:-10000px;top:0;width:1px;height:1px;overflow:hidden}
.status{margin:0;font-size:14px;color:#475569}
.status:empty{display:none}
.primary{all:unset;box-sizing:border-box;display:block;width:100%;min-height:50px;padding:12px 20px;border-radius:12px;background:var(--fc-brand);color:var(--fc-on-brand);font:600 17px/1.5 ${FONT_STACK};text-align:center;cursor:pointer}
.primary:hover{filter:brightness(1.06)}
.primary:focus-visible{outline:3px solid ${ink};outline-offset:3px}
.primary[aria-disabled=true]{opacity:.7;cursor:progress}
a{color:${accentInk};font-weight:600}
.ack{display:grid;justify-items:center;gap:12px;padding:8px 4px 4px;text-align:center}
.tick{width:60px;height:60px;padding:14px;border-radius:50%;background:#dcfce7;fill:#15803d}
.ack h3{margin:0;font-size:22px;line-height:1.3}
[tabindex="-1"]:focus{outline:none}
.ack-message{margin:0;font-size:17px}
.muted{margin:0 0 8px;color:#475569;font-size:15px}
@media (max-width:480px){.dlg{inset:auto 0 0 0;width:100%;max-width:100%;max-height:calc(100dvh - 12px);border-radius:16px 16px 0 0}.body{padding:16px}}
@media (prefers-reduced-motion:reduce){.dlg[open]{animation:none}}
`;
