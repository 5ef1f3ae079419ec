const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Everything a homeowner typed goes through this before it reaches HTML. */
export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);

/** A small page shell shared by the claim and dev pages; no scripts, styles inline. */
export function page(title: string, body: string, extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>${extraHead}
<style>
:root{color-scheme:light dark;--fg:#111827;--muted:#4b5563;--bg:#f3f4f6;--card:#fff;--accent:#0b5fff;--ok:#047857;--warn:#b45309}
@media (prefers-color-scheme:dark){:root{--fg:#f9fafb;--muted:#9ca3af;--bg:#111827;--card:#1f2937}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:560px;margin:0 auto;padding:16px}
.card{background:var(--card);border-radius:14px;padding:18px;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:14px}
h1{font-size:1.35rem;margin:0 0 4px}h2{font-size:1.05rem;margin:0 0 8px}
.muted{color:var(--muted)}.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:.8rem;font-weight:700;background:#fee2e2;color:#991b1b}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 14px;margin:0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.btn{display:block;width:100%;text-align:center;padding:14px 18px;border-radius:12px;border:0;font:600 1.05rem system-ui,sans-serif;text-decoration:none;cursor:pointer;margin-top:10px}
.btn-call{background:var(--ok);color:#fff}.btn-claim{background:var(--accent);color:#fff}
.btn:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.status{font-weight:600}.status.ok{color:var(--ok)}.status.warn{color:var(--warn)}
table{width:100%;border-collapse:collapse;font-size:.9rem}th,td{text-align:left;padding:8px;border-bottom:1px solid rgba(127,127,127,.25);vertical-align:top}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:13px/1.4 ui-monospace,monospace}
</style></head><body><main>${body}</main></body></html>`;
}
