// A contractor site whose theme does its worst: a global reset, hidden buttons and inputs, a
// huge root font, z-index wars with a full-screen layer, and a rule aimed at the widget itself.
// The widget must still show, work and look the same; the page must look as it did without it.

/** Rules the widget has to survive; each is one that real WordPress themes and plugins ship. */
const HOSTILE_CSS = `
/* :where() keeps it at zero specificity so the page's own rules below still apply. */
:where(body *:not(script, style)) { all: unset; }
html { font-size: 40px !important; }
body { font: italic 40px/3 "Comic Sans MS", cursive; letter-spacing: 6px; text-transform: uppercase;
  color: #c0f; word-spacing: 20px; cursor: crosshair; direction: ltr; }
button { display: none !important; }
input, select, textarea { display: none !important; }
a { color: red !important; font-size: 50px !important; }
svg { display: none !important; }
* { z-index: 1; box-sizing: content-box !important; max-width: 100% !important; }
[hidden] { display: block !important; }
dialog { display: block !important; position: static !important; }
:focus { outline: none !important; }
firstcall-widget { display: none !important; opacity: 0 !important; position: static !important;
  z-index: 0 !important; transform: scale(0.1) !important; font-size: 60px !important; }
div { display: block; position: relative; }
.cover { position: fixed; inset: 0; z-index: 2147483646; background: rgba(255, 230, 0, 0.12); }
#probe { display: block; font-size: 22px; color: rgb(0, 128, 0); margin: 12px; padding: 4px;
  border: 2px solid rgb(0, 0, 255); }
nav a { display: inline-block; margin-right: 12px; }
`;

export function hostilePageHtml(workerOrigin: string, site: string | null): string {
  const tag =
    site === null
      ? ''
      : `<script src="${workerOrigin}/widget.js" data-site="${site}" async></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hostile theme</title>
<style>${HOSTILE_CSS}</style>
<script>
  // What the host page's analytics would see.
  window.hostEvents = [];
  for (const type of ['firstcall:open', 'firstcall:call-click', 'firstcall:lead-submitted']) {
    document.addEventListener(type, (e) => window.hostEvents.push({ type: e.type, detail: e.detail }));
  }
</script>
</head>
<body>
<nav><a href="#one">Home</a><a href="#two">About</a></nav>
<div id="probe">Probe paragraph styled by the host page</div>
<div>Best plumbers in town. Some long text so the page has content behind the widget.</div>
<div class="cover"></div>
${tag}
</body>
</html>`;
}
