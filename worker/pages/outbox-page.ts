import type { DevOutboxEntry } from '../dev-outbox';
import { esc, page } from './html';

/** Escaped text with links made clickable, so a developer can follow a claim link. */
const linkify = (text: string): string =>
  esc(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

export function outboxPage(entries: DevOutboxEntry[]): string {
  const rows = entries
    .slice()
    .reverse()
    .map(
      (
        e,
      ) => `<tr><td>${esc(e.at.slice(11, 19))}</td><td>${esc(e.kind)}<br><span class="muted">${esc(e.channel)}</span></td>
<td>${esc(e.to)}${e.memberId ? `<br><span class="muted">${esc(e.memberId)}</span>` : ''}</td>
<td><pre>${linkify(e.body)}</pre><span class="muted">${esc(e.site)} · ${esc(e.leadId)}</span></td></tr>`,
    )
    .join('');
  const body = `<div class="card" style="max-width:none"><h1>Dev outbox</h1>
<p class="muted">Every SMS, push, email and webhook that would have been sent, newest first. Refreshes every 3 s.
<a href="/dev/outbox.json">JSON</a> · <a href="/demo">Demo page</a></p>
<table><thead><tr><th>Time (UTC)</th><th>Kind</th><th>To</th><th>Message</th></tr></thead>
<tbody>${rows || '<tr><td colspan="4">Nothing sent yet. Submit a lead on the demo page.</td></tr>'}</tbody></table></div>`;
  return page('Dev outbox', body, '<meta http-equiv="refresh" content="3">').replace(
    'max-width:560px',
    'max-width:1100px',
  );
}
