import { displayPhone } from '../phone';
import type { ClaimView } from '../site/views';
import { esc, page } from './html';

const fmtTime = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    month: 'short',
    day: 'numeric',
  }).format(new Date(iso));

/**
 * The page behind a claim link. Opening it never claims (messaging apps fetch links to draw
 * previews); only the form's POST does.
 */
export function claimPage(
  view: ClaimView,
  token: string,
  notice?: string,
  vapidPublicKey?: string,
): string {
  const { lead } = view;
  const mine = view.claimedBy === view.memberId;
  const taken = view.claimedBy !== null && !mine;
  const open = lead.status === 'received' || lead.status === 'alerted';
  const state = mine
    ? `<p class="status ok" role="status">You have this lead. Call ${esc(lead.name)} now.</p>`
    : taken
      ? `<p class="status warn" role="status">${esc(view.claimedByName)} claimed this lead at ${esc(fmtTime(view.claimedAt ?? lead.createdAt, view.timeZone))}.</p>`
      : open
        ? `<p class="status" role="status">Nobody has claimed this lead yet.</p>`
        : `<p class="status warn" role="status">This lead is ${esc(lead.status)}.</p>`;
  const rows: Array<[string, string | undefined]> = [
    ['Phone', displayPhone(lead.phone)],
    ['Service', lead.service],
    ['ZIP', lead.zip],
    ['Prefers', lead.preferredContact],
    ['Received', fmtTime(lead.createdAt, view.timeZone)],
  ];
  const details = rows
    .filter((r): r is [string, string] => Boolean(r[1]))
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('');
  const body = `
<div class="card">
  <p class="muted">${esc(view.siteName)} · for ${esc(view.memberName)}</p>
  <h1>${esc(lead.name)} ${lead.urgent ? '<span class="badge">Emergency</span>' : ''}</h1>
  ${notice ? `<p class="status warn" role="alert">${esc(notice)}</p>` : ''}
  ${state}
  <dl>${details}</dl>
  ${lead.message ? `<h2 style="margin-top:14px">What's wrong</h2><p>${esc(lead.message)}</p>` : ''}
  ${
    open
      ? `<form method="post" action="/c/${esc(token)}"><button class="btn btn-claim" type="submit">Claim this lead</button></form>`
      : ''
  }
  <a class="btn btn-call" href="tel:${esc(lead.phone)}">Call ${esc(lead.name)}</a>
</div>${
    vapidPublicKey
      ? `<div class="card"><button class="btn" id="push-toggle" type="button" data-vapid="${esc(vapidPublicKey)}"
  data-endpoint="/c/${esc(token)}/push">Alert me on this phone</button><p id="push-status" class="muted" role="status"></p></div>`
      : ''
  }`;
  return page(
    `Lead: ${lead.name}`,
    body,
    vapidPublicKey ? '<script src="/claim-push.js" defer></script>' : '',
  );
}

export function linkProblemPage(title: string, message: string): string {
  return page(title, `<div class="card"><h1>${esc(title)}</h1><p>${esc(message)}</p></div>`);
}
