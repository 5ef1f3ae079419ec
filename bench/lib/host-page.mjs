// A contractor's page for Lighthouse: the demo page (/demo, as the worker renders it) served
// from an origin of its own, with the widget tag (/with) and with the tag cut out (/without).
// Everything else is byte for byte the same, so the difference between the two is the widget's.
import { createServer } from 'node:http';

export async function startHostPage(workerOrigin) {
  const html = await (await fetch(`${workerOrigin}/demo`)).text();
  const src = `${workerOrigin}/widget.js`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tag = new RegExp(`<script src="${src}"[^>]*></script>\\n?`);
  if (!tag.test(html)) throw new Error('the demo page has no widget tag to compare against');
  const pages = { '/with': html, '/without': html.replace(tag, '') };
  const server = createServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, stop: () => new Promise((resolve) => server.close(resolve)) };
}
