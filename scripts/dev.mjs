// `npm run dev`: the whole product on one machine, no accounts. Starts the worker under
// `wrangler dev` (the real workerd runtime), seeds the demo contractor and prints the URLs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { demoSite } from './demo-site.mjs';

const port = Number(process.env.PORT ?? 8787);
const origin = `http://127.0.0.1:${port}`;

function devVar(name) {
  if (process.env[name]) return process.env[name];
  if (!existsSync('.dev.vars')) return undefined;
  const line = readFileSync('.dev.vars', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1).trim();
}

const wrangler = spawn(
  './node_modules/.bin/wrangler',
  [
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--var',
    'DEV_MODE:1',
    '--show-interactive-dev-session=false',
  ],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
);

const stop = () => {
  if (wrangler.exitCode === null) wrangler.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wrangler.on('exit', (code) => process.exit(code ?? 0));

async function waitForWorker() {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`${origin}/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the worker did not start on ${origin}`);
}

async function seedDemo() {
  const token = devVar('ADMIN_TOKEN') || 'dev-admin-token';
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const res = await fetch(`${origin}/v1/admin/sites/demo`, {
    method: 'PUT',
    headers,
    body: JSON.stringify(demoSite([origin, `http://localhost:${port}`])),
  });
  if (!res.ok) throw new Error(`seeding the demo site failed: ${res.status} ${await res.text()}`);
  // The owner's way into the console: a single-use invite link, shown rather than texted.
  const invite = await fetch(`${origin}/v1/admin/sites/demo/invites`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ memberId: 'max', send: 'none' }),
  });
  if (!invite.ok)
    throw new Error(`minting the owner's invite failed: ${invite.status} ${await invite.text()}`);
  return (await invite.json()).url;
}

try {
  await waitForWorker();
  const ownerInvite = await seedDemo();
  console.log(`
  FirstCall is running (development mode)

  Demo contractor page   ${origin}/demo
  Dev outbox (SMS etc.)  ${origin}/dev/outbox
  CSR console            ${origin}/console
  Owner sign-in (Max)    ${ownerInvite}
                         (single use; invite your CSRs from the console's Team tab)
  Public API             ${origin}/v1/sites/demo/config
  Admin API              ${origin}/v1/admin/sites/demo   (Authorization: Bearer dev-admin-token)

  Embed snippet:  <script src="${origin}/widget.js" data-site="demo" async></script>
  Press Ctrl+C to stop.
`);
} catch (err) {
  console.error(String(err));
  stop();
  process.exitCode = 1;
}
