// The /demo page: a made-up contractor's home page with the widget tag pasted in, exactly as a
// contractor would. Self-contained (no web fonts, no remote images) so `npm run dev` works
// offline and what you see is the widget on an ordinary small-business site.
import { esc } from './html';

const SERVICES: readonly [string, string, string][] = [
  [
    'Furnace repair',
    'No heat at 2am? We fix all makes, most jobs in one visit.',
    'M12 3c2 4 6 6 6 11a6 6 0 0 1-12 0c0-3 2-5 3-7 1 2 1 3 3 4 0-3-1-5 0-8z',
  ],
  [
    'AC service',
    'Tune-ups, refrigerant leaks and new high-efficiency systems.',
    'M11 2h2v20h-2zM2 11h20v2H2zM5 5l14 14-1.4 1.4L3.6 6.4zM19 5l1.4 1.4L6.4 20.4 5 19z',
  ],
  [
    'Water heaters',
    'Tank and tankless, repaired or replaced the same day.',
    'M7 3h10a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm5 6a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  ],
  [
    'Leaks & burst pipes',
    'Fast shut-off, repair and drying advice before damage spreads.',
    'M12 2s7 8 7 13a7 7 0 0 1-14 0c0-5 7-13 7-13z',
  ],
  [
    'Drain cleaning',
    'Kitchen, bath and main lines cleared with camera inspection.',
    'M4 4h16v4H4zm3 6h10v10H7z',
  ],
  [
    'Maintenance plans',
    'Two visits a year, priority booking and no overtime fees.',
    'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5zm-1 13-4-4 1.4-1.4 2.6 2.6 5.6-5.6L18 8z',
  ],
];

const REVIEWS: readonly [string, string, string][] = [
  [
    'Our furnace quit on the coldest night of the year. Someone called me back within minutes and the tech was here by 7am.',
    'Maria G.',
    'Lakeview',
  ],
  [
    'Honest quote, no upsell, and they cleaned up after themselves. The water heater has been perfect since.',
    'Dan P.',
    'Riverside',
  ],
  [
    'Texted me when the plumber was on the way and he arrived right in the window they gave. Will use again.',
    'Priya S.',
    'Oak Hill',
  ],
];

// The demo contractor's services, as `npm run dev` seeds them (scripts/demo-site.mjs): the
// server takes a `service` only if it is one of the site's own.
const DEMO_SERVICES = [
  'Furnace or heating repair',
  'AC repair',
  'Water heater',
  'Plumbing leak or clog',
  'Maintenance / tune-up',
  'Something else',
];

/**
 * The no-JavaScript path, as a contractor would paste it: a plain form posting to the leads
 * endpoint. Inside <noscript>, so only a visitor without JavaScript (or with it blocked) sees
 * it; everyone else has the widget. No `redirect` here, so the worker answers with its own
 * thank-you page and the acknowledgement; a contractor's form would name their own page.
 */
function noScriptForm(origin: string): string {
  const options = DEMO_SERVICES.map((s) => `<option>${esc(s)}</option>`).join('');
  return `<noscript><section id="request" class="nojs"><div class="wrap">
  <h2>No JavaScript? Use this form</h2>
  <form method="post" action="${esc(origin)}/v1/sites/demo/leads">
    <label>Your name <input name="name" autocomplete="name" required></label>
    <label>Mobile phone <input name="phone" type="tel" autocomplete="tel" required></label>
    <label>Email (optional) <input name="email" type="email" autocomplete="email"></label>
    <label>Service (optional) <select name="service"><option value="">Choose one…</option>${options}</select></label>
    <label>ZIP code (optional) <input name="zip" autocomplete="postal-code"></label>
    <label>What's wrong? (optional) <textarea name="message" rows="3"></textarea></label>
    <label class="tick"><input type="checkbox" name="urgent"> This is an emergency</label>
    <fieldset><legend>How should we reach you?</legend>
      <label class="tick"><input type="radio" name="preferredContact" value="call" checked> Call me</label>
      <label class="tick"><input type="radio" name="preferredContact" value="text"> Text me</label>
    </fieldset>
    <label class="tick"><input type="checkbox" name="smsConsent"> I agree to receive text messages from Acme Heating &amp; Plumbing about my request. Msg &amp; data rates may apply. Reply STOP to opt out.</label>
    <div class="hp" aria-hidden="true"><label>Leave this empty <input name="website" tabindex="-1" autocomplete="off"></label></div>
    <button type="submit">Send request</button>
  </form>
</div></section></noscript>`;
}

const icon = (path: string) =>
  `<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="${path}"/></svg>`;

export function demoPageHtml(origin: string): string {
  const services = SERVICES.map(
    ([title, text, path]) => `<li class="card">${icon(path)}<h3>${title}</h3><p>${text}</p></li>`,
  ).join('');
  const reviews = REVIEWS.map(
    ([quote, who, where]) =>
      `<figure class="card review"><div class="stars" aria-label="5 out of 5 stars">★★★★★</div><blockquote>${quote}</blockquote><figcaption>${who}, ${where}</figcaption></figure>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Acme Heating &amp; Plumbing · 24/7 heating, cooling and plumbing</title>
<style>
*{box-sizing:border-box}
body{margin:0;font:17px/1.6 Georgia,"Times New Roman",serif;color:#1f2933;background:#fbfaf7}
a{color:#c2410c}
.wrap{max-width:1080px;margin:0 auto;padding:0 20px}
.top{background:#7c2d12;color:#ffedd5;font:600 14px/1 system-ui,sans-serif;padding:10px 0;text-align:center}
.top a{color:#fff}
header{background:#fff;border-bottom:1px solid #eee}
header .wrap{display:flex;align-items:center;justify-content:space-between;gap:16px;padding-top:14px;padding-bottom:14px;flex-wrap:wrap}
.logo{display:flex;align-items:center;gap:10px;font:800 22px/1.1 system-ui,sans-serif;color:#7c2d12;text-decoration:none}
nav{display:flex;gap:22px;font:600 15px system-ui,sans-serif}
nav a{color:#1f2933;text-decoration:none;white-space:nowrap}
@media (max-width:640px){nav a:not(:last-child){display:none}.logo{font-size:19px}}
.hero{background:linear-gradient(135deg,#7c2d12,#c2410c 60%,#ea580c);color:#fff}
.hero .wrap{padding-top:72px;padding-bottom:80px}
.hero h1{font:800 clamp(32px,5vw,52px)/1.1 system-ui,sans-serif;margin:0 0 16px;max-width:14em}
.hero p{font-size:20px;max-width:32em;margin:0 0 28px;opacity:.95}
.cta{display:inline-block;background:#fff;color:#7c2d12;font:700 18px system-ui,sans-serif;padding:14px 26px;border-radius:8px;text-decoration:none}
.badges{display:flex;gap:24px;flex-wrap:wrap;margin-top:28px;font:600 15px system-ui,sans-serif;opacity:.9}
section{padding:64px 0}
h2{font:800 32px/1.2 system-ui,sans-serif;margin:0 0 28px;color:#7c2d12}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:20px;list-style:none;margin:0;padding:0}
.card{background:#fff;border:1px solid #eee;border-radius:12px;padding:24px;margin:0}
.card svg{color:#c2410c}
.card h3{font:700 20px system-ui,sans-serif;margin:8px 0 6px}
.card p{margin:0;color:#52606d}
.alt{background:#f3efe8}
.stars{color:#d97706;font-size:20px;letter-spacing:2px}
blockquote{margin:10px 0 14px;font-style:italic}
figcaption{font:600 15px system-ui,sans-serif;color:#52606d}
.area{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}
.area ul{columns:2;margin:0;padding-left:20px}
.nojs form{display:grid;gap:14px;max-width:560px;font:16px/1.4 system-ui,sans-serif}
.nojs label{display:grid;gap:4px;font-weight:600}
.nojs input,.nojs select,.nojs textarea{font:inherit;font-weight:400;padding:10px 12px;border:1px solid #9aa5b1;border-radius:8px}
.nojs .tick{display:flex;gap:10px;align-items:flex-start;font-weight:400}
.nojs fieldset{border:0;margin:0;padding:0;display:grid;gap:6px}
.nojs legend{font-weight:600;margin-bottom:4px}
.nojs button{justify-self:start;background:#c2410c;color:#fff;border:0;border-radius:8px;padding:12px 24px;font:700 17px system-ui,sans-serif;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{background:#1f2933;color:#cbd2d9;font:15px/1.7 system-ui,sans-serif;padding:40px 0 96px}
footer a{color:#fff}
footer .wrap{display:flex;justify-content:space-between;gap:24px;flex-wrap:wrap}
</style>
</head>
<body>
<div class="top">24/7 emergency service · <a href="tel:+16175550100">(617) 555-0100</a></div>
<header><div class="wrap">
  <a class="logo" href="#"><svg viewBox="0 0 24 24" width="34" height="34" aria-hidden="true"><path fill="#c2410c" d="M12 2 2 10h3v11h14V10h3zm0 6c1.5 2.2 3 3.5 3 5.5a3 3 0 0 1-6 0c0-1.2.6-2 1.3-2.8.3 1 .8 1.5 1.7 1.8-.4-1.6-.4-2.9 0-4.5z"/></svg>Acme Heating &amp; Plumbing</a>
  <nav aria-label="Main"><a href="#services">Services</a><a href="#reviews">Reviews</a><a href="#area">Service area</a><a href="tel:+16175550100">(617) 555-0100</a></nav>
</div></header>
<main>
<div class="hero"><div class="wrap">
  <h1>Heat out? Pipe burst? We pick up, day and night.</h1>
  <p>Family-owned heating, cooling and plumbing since 1998. Licensed, insured, upfront prices, and a real person on the phone 24/7.</p>
  <a class="cta" href="tel:+16175550100">Call (617) 555-0100</a>
  <div class="badges"><span>★ 4.9 from 1,200+ reviews</span><span>Licensed &amp; insured</span><span>No overtime fees</span></div>
</div></div>
${noScriptForm(origin)}
<section id="services"><div class="wrap"><h2>What we fix</h2><ul class="grid">${services}</ul></div></section>
<section id="reviews" class="alt"><div class="wrap"><h2>What neighbors say</h2><div class="grid">${reviews}</div></div></section>
<section id="area"><div class="wrap area">
  <div><h2>Where we work</h2><p>Within 30 miles of downtown, usually there within the hour for emergencies.</p></div>
  <ul><li>Lakeview</li><li>Riverside</li><li>Oak Hill</li><li>Maple Grove</li><li>Cedar Park</li><li>Westfield</li></ul>
</div></section>
</main>
<footer><div class="wrap">
  <div><strong>Acme Heating &amp; Plumbing</strong><br>1200 Example Ave, Springfield<br>License #HP-000000 (demo)</div>
  <div>Call or text <a href="tel:+16175550100">(617) 555-0100</a><br>Open 24 hours, 7 days</div>
  <div>This is a demo page for FirstCall.<br>The widget is the button at the bottom right.</div>
</div></footer>
<script src="${esc(origin)}/widget.js" data-site="demo" async></script>
</body>
</html>`;
}
