// Serves the hostile host page from its own origin (a different port from the worker), so the
// widget runs cross-origin exactly as it does on a contractor's site.
import { createServer, type Server } from 'node:http';
import { hostilePageHtml } from './hostile-page';

export interface HostPageServer {
  origin: string;
  stop: () => Promise<void>;
}

export function startHostPageServer(port: number, workerOrigin: string): Promise<HostPageServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    // ?site=<id> embeds the widget for that site; without it the page has no widget at all.
    const html = hostilePageHtml(workerOrigin, url.searchParams.get('site'));
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(html);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${port}`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}
