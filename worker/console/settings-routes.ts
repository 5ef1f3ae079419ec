// Site settings for owners and managers: the whole config to edit, and changes checked with
// the same siteConfigSchema the admin API uses (in the Site object, atomically with the write).
import { type Context, Hono } from 'hono';
import { type ConsoleConfigView, consoleConfigPatchSchema } from '../../shared/schemas';
import { readJson } from '../http/body';
import { ApiError, invalid } from '../http/errors';
import { publicOrigin, siteStub } from '../http/site-stub';
import { type ConsoleCtx, requireRole } from './auth';
import { refusal } from './lead-routes';

export const settingsRoutes = new Hono<ConsoleCtx>();
settingsRoutes.use('/config', requireRole('owner', 'manager'));

const snippet = (origin: string, site: string) =>
  `<script src="${origin}/widget.js" data-site="${site}" async></script>`;

async function view(c: Context<ConsoleCtx>): Promise<Response> {
  const stub = siteStub(c.env, c.get('site'));
  const [found, offDuty] = await Promise.all([stub.consoleConfig(), stub.offDutyMembers()]);
  if (!found) throw new ApiError(404, 'site_not_found', 'Unknown site');
  const body: ConsoleConfigView = {
    site: found.site,
    config: found.config,
    embedSnippet: snippet(publicOrigin(c.env, c.req.url), found.site),
    offDuty,
  };
  return c.json(body);
}

settingsRoutes.get('/config', (c) => view(c));

settingsRoutes.patch('/config', async (c) => {
  const parsed = consoleConfigPatchSchema.safeParse(await readJson(c.req.raw));
  if (!parsed.success) throw invalid(parsed.error);
  const result = await siteStub(c.env, c.get('site')).consolePatchConfig(
    c.get('member').id,
    parsed.data,
  );
  if (!result.ok) throw refusal(result);
  return view(c);
});
