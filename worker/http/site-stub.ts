import { siteIdSchema } from '../../shared/schemas';
import type { Env } from '../env';
import { ApiError } from './errors';

/** The Site object for a site id taken from a URL; a malformed id is simply an unknown site. */
export function siteStub(env: Env, site: string) {
  if (!siteIdSchema.safeParse(site).success)
    throw new ApiError(404, 'site_not_found', 'Unknown site');
  return env.SITE.getByName(site);
}

/** Origin for links sent to phones: the configured public origin, else the request's own. */
export const publicOrigin = (env: Env, url: string): string =>
  env.PUBLIC_ORIGIN ?? new URL(url).origin;
