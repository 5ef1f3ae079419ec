// A stand-in for Cloudflare Turnstile on 127.0.0.1 (the test browser reaches nothing else): the
// script the widget loads, drawing a plain "I am human" box instead of the real challenge, and
// the siteverify API the worker calls, which passes only this script's tokens with the secret.
import { createServer, type Server } from 'node:http';

/** The page-side API as the widget uses it; each tick hands out a new `fake-token-<n>`. */
const FAKE_SCRIPT = `(() => {
  let issued = 0;
  const boxes = new Map();
  const draw = (box, ticked) => {
    // Inline !important: the test's hostile theme hides buttons and resets every element.
    box.style.cssText = 'display:flex!important;align-items:center!important;gap:10px!important;' +
      'height:65px!important;padding:0 14px!important;border:1px solid #d0d0d0!important;' +
      'border-radius:4px!important;background:#fafafa!important;cursor:pointer!important;' +
      'font:14px/1.4 system-ui,sans-serif!important;color:#222!important;text-transform:none!important;' +
      'letter-spacing:0!important;word-spacing:0!important;box-sizing:border-box!important';
    box.setAttribute('aria-checked', String(ticked));
    box.textContent = (ticked ? '\\u2611 ' : '\\u2610 ') + 'I am human (fake Turnstile)';
  };
  window.turnstile = {
    render(el, opts) {
      const id = 'fake-' + boxes.size;
      const box = document.createElement('div');
      box.setAttribute('role', 'checkbox');
      box.tabIndex = 0;
      box.className = 'fake-turnstile';
      draw(box, false);
      box.addEventListener('click', () => {
        draw(box, true);
        opts.callback('fake-token-' + ++issued);
      });
      boxes.set(id, box);
      el.append(box);
      return id;
    },
    reset(id) {
      const box = boxes.get(id);
      if (box) draw(box, false);
    },
  };
})();`;

export interface SiteverifyCall {
  secret: string | null;
  response: string | null;
  idempotencyKey: string | null;
}

export interface FakeTurnstile {
  origin: string;
  scriptUrl: string;
  /** Every siteverify request, in order. */
  calls: SiteverifyCall[];
  stop: () => Promise<void>;
}

export function startFakeTurnstile(port: number, secret: string): Promise<FakeTurnstile> {
  const calls: SiteverifyCall[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method === 'GET' && url.pathname === '/turnstile/v0/api.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      res.end(FAKE_SCRIPT);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/turnstile/v0/siteverify') {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const call = {
          secret: form.get('secret'),
          response: form.get('response'),
          idempotencyKey: form.get('idempotency_key'),
        };
        calls.push(call);
        const ok = call.secret === secret && (call.response ?? '').startsWith('fake-token-');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify(
            ok ? { success: true } : { success: false, 'error-codes': ['invalid-input-response'] },
          ),
        );
      });
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        origin,
        scriptUrl: `${origin}/turnstile/v0/api.js?render=explicit`,
        calls,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
