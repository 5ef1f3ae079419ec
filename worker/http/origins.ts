/** Whether a browser Origin matches a site's allowedOrigins (exact, or `https://*.example.com`). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const o = origin.toLowerCase();
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    if (!p.includes('*.')) return p === o;
    const [scheme, rest] = p.split('://*.') as [string, string];
    return o.startsWith(`${scheme}://`) && o.endsWith(`.${rest}`);
  });
}
