import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { HOST, leadBody, outbox, putSite } from './fixtures';

// Rate limits would (rightly) refuse one machine sending a thousand leads a second.
const loadEnv = { ...env, RATE_LIMITS_OFF: '1' };

const post = (site: string, key: string, i: number) =>
  app.request(
    `https://leads.test/v1/sites/${site}/leads`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, Origin: HOST },
      body: JSON.stringify(
        leadBody({
          name: `Load ${i}`,
          phone: `(617) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
        }),
      ),
    },
    loadEnv,
  );

const count = (site: string, sql: string): Promise<number> =>
  runInDurableObject(env.SITE.getByName(site), (_o, state) =>
    Number(state.storage.sql.exec<{ n: number }>(sql).one().n),
  );

async function settled(expected: number): Promise<Awaited<ReturnType<typeof outbox>>> {
  let entries: Awaited<ReturnType<typeof outbox>> = [];
  for (let i = 0; i < 600; i++) {
    entries = await outbox();
    if (entries.length >= expected) return entries;
    await new Promise((r) => setTimeout(r, 25));
  }
  return entries;
}

describe('load: a thousand concurrent submissions', () => {
  it('to one site: every lead stored once and alerted once, duplicates included', async () => {
    await putSite('load-one');
    const keys = Array.from({ length: 1000 }, () => crypto.randomUUID());
    const started = Date.now();
    // 1,000 leads plus 200 retries of the same keys racing them.
    const responses = await Promise.all([
      ...keys.map((k, i) => post('load-one', k, i)),
      ...keys.slice(0, 200).map((k, i) => post('load-one', k, i)),
    ]);
    const elapsed = Date.now() - started;
    expect(responses.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const ids = new Set(
      await Promise.all(
        responses.map(async (r) => ((await r.json()) as { leadId: string }).leadId),
      ),
    );
    expect(ids.size).toBe(1000);
    expect(await count('load-one', 'SELECT COUNT(*) AS n FROM leads')).toBe(1000);

    const entries = (await settled(2000)).filter((e) => e.site === 'load-one');
    const alerts = entries.filter((e) => e.kind === 'csr-alert');
    expect(alerts).toHaveLength(1000);
    expect(new Set(alerts.map((e) => e.leadId)).size).toBe(1000);
    expect(entries.filter((e) => e.kind === 'sms-ack')).toHaveLength(1000);
    console.log(
      JSON.stringify({
        test: 'one site',
        requests: 1200,
        leads: 1000,
        alerts: alerts.length,
        ms: elapsed,
      }),
    );
  }, 120_000);

  it('to fifty sites at once: every lead stored once and alerted once', async () => {
    const sites = Array.from({ length: 50 }, (_, i) => `load-many-${i}`);
    for (const s of sites) await putSite(s);
    const before = (await outbox()).length;
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => post(sites[i % 50] ?? '', crypto.randomUUID(), i)),
    );
    const elapsed = Date.now() - started;
    expect(responses.every((r) => r.status === 201)).toBe(true);
    let stored = 0;
    for (const s of sites) stored += await count(s, 'SELECT COUNT(*) AS n FROM leads');
    expect(stored).toBe(1000);
    const entries = (await settled(before + 2000)).filter((e) => e.site.startsWith('load-many-'));
    const alerts = entries.filter((e) => e.kind === 'csr-alert');
    expect(alerts).toHaveLength(1000);
    expect(new Set(alerts.map((e) => e.leadId)).size).toBe(1000);
    console.log(
      JSON.stringify({
        test: 'fifty sites',
        requests: 1000,
        leads: stored,
        alerts: alerts.length,
        ms: elapsed,
      }),
    );
  }, 120_000);
});
