// Fetches the public site config the launcher and form are drawn from.
import type { PublicSiteConfig } from '../shared/schemas';
import { siteEndpoint } from './endpoints';

/** The config, or the HTTP status that refused it (0 when the network failed). */
export type ConfigResult = { config: PublicSiteConfig } | { status: number };

export async function fetchSiteConfig(origin: string, site: string): Promise<ConfigResult> {
  try {
    const res = await fetch(siteEndpoint(origin, site, 'config'), { credentials: 'omit' });
    if (!res.ok) return { status: res.status };
    return { config: (await res.json()) as PublicSiteConfig };
  } catch {
    return { status: 0 };
  }
}

/** 4xx other than 429 means this tag will never work here (unknown site, origin not allowed). */
export function isPermanentRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 429;
}
