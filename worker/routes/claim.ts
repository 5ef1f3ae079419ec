// Claim links: GET shows the lead (and never claims: link previews fetch it), POST claims.
import { Hono } from 'hono';
import { pushSubscriptionSchema } from '../../shared/schemas';
import { type Env, isDevMode } from '../env';
import { readJson } from '../http/body';
import { ApiError, invalid } from '../http/errors';
import { siteStub } from '../http/site-stub';
import { type ClaimGrant, SigningConfigError, signingKeys, verifyClaim } from '../links';
import { claimPage, linkProblemPage } from '../pages/claim-page';

export const claimRoutes = new Hono<{ Bindings: Env }>();

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on the
  // claim form's POST, and the token in the URL still never leaves this origin.
  'Referrer-Policy': 'same-origin',
  'X-Robots-Tag': 'noindex',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

type Checked = { ok: true; grant: ClaimGrant } | { ok: false; response: Response };

function check(env: Env, token: string): Checked {
  let keys: ReturnType<typeof signingKeys>;
  try {
    keys = signingKeys(env.LINK_SIGNING_KEYS, isDevMode(env));
  } catch (err) {
    if (!(err instanceof SigningConfigError)) throw err;
    return {
      ok: false,
      response: html(
        linkProblemPage('Links are not set up', 'This server has no link signing key.'),
        503,
      ),
    };
  }
  const verified = verifyClaim(token, keys, Math.floor(Date.now() / 1000));
  if (verified.ok) return verified;
  const response =
    verified.reason === 'expired'
      ? html(
          linkProblemPage(
            'This link has expired',
            'Open the lead from the console, or ask your manager.',
          ),
          410,
        )
      : html(
          linkProblemPage('This link is not valid', 'Check that the whole link was opened.'),
          404,
        );
  return { ok: false, response };
}

const html = (body: string, status = 200): Response =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...PAGE_HEADERS },
  });

/**
 * The token is the credential; refusing requests from other sites also stops a page that learnt
 * it from posting it on a CSR's behalf.
 */
function fromAnotherSite(req: Request): boolean {
  const origin = req.headers.get('origin');
  const fetchSite = req.headers.get('sec-fetch-site');
  return Boolean(
    (origin && origin !== new URL(req.url).origin) ||
      (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none'),
  );
}

claimRoutes.get('/:token', async (c) => {
  const token = c.req.param('token');
  const checked = check(c.env, token);
  if (!checked.ok) return checked.response;
  const { site, leadId, memberId } = checked.grant;
  const stub = siteStub(c.env, site);
  // A tap on the push notification counts as opening the alert (its URL is marked); a plain
  // GET does not, since messaging apps fetch links in texts to draw previews.
  if (c.req.query('via') === 'push') await stub.markOpened(leadId, memberId, 'push', Date.now());
  const view = await stub.getClaimView(leadId, memberId);
  if (!view) return html(linkProblemPage('Lead not found', 'This lead no longer exists.'), 404);
  return html(claimPage(view, token, undefined, c.env.VAPID_PUBLIC_KEY));
});

claimRoutes.post('/:token', async (c) => {
  const token = c.req.param('token');
  if (fromAnotherSite(c.req.raw)) {
    return html(linkProblemPage('Not allowed', 'Claims can only be made from this page.'), 403);
  }
  const checked = check(c.env, token);
  if (!checked.ok) return checked.response;
  const { site, leadId, memberId } = checked.grant;
  const result = await siteStub(c.env, site).claim(leadId, memberId, Date.now());
  switch (result.outcome) {
    case 'not_found':
      return html(linkProblemPage('Lead not found', 'This lead no longer exists.'), 404);
    case 'not_member':
      return html(linkProblemPage('Not on the team', 'You are no longer on this team.'), 403);
    case 'claimed':
    case 'yours':
      return html(claimPage(result.view, token, undefined, c.env.VAPID_PUBLIC_KEY));
    case 'taken':
      return html(claimPage(result.view, token, 'Someone else claimed this lead first.'), 409);
    case 'closed':
      return html(claimPage(result.view, token, 'This lead can no longer be claimed.'), 409);
  }
});

/** The claim page's "alert me on this phone": the link's member gets Web Push on this device. */
claimRoutes.post('/:token/push', async (c) => {
  if (fromAnotherSite(c.req.raw))
    throw new ApiError(403, 'origin_not_allowed', 'Not allowed from another site');
  const checked = check(c.env, c.req.param('token'));
  if (!checked.ok) return checked.response;
  const parsed = pushSubscriptionSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error, 'Not a valid push subscription');
  const { site, memberId } = checked.grant;
  const saved = await siteStub(c.env, site).addPushSubscription(memberId, parsed.data, Date.now());
  if (!saved) throw new ApiError(403, 'unauthorized', 'You are no longer on this team');
  return c.json(saved, 201);
});
