// The v1 public API paths the widget calls, in one place: script tags live on sites for years,
// so these must match the worker's routes exactly and never change.
export function siteEndpoint(
  origin: string,
  site: string,
  path: 'config' | 'leads' | 'events',
): string {
  return `${origin}/v1/sites/${encodeURIComponent(site)}/${path}`;
}
