import { env, runInDurableObject } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, HOST, leadBody, putSite } from './fixtures';

const SITES = ['fuzz-a', 'fuzz-b', 'fuzz-c', 'fuzz-d', 'fuzz-e'];
const leadCount = (site: string): Promise<number> =>
  runInDurableObject(env.SITE.getByName(site), (_o, state) =>
    Number(state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM leads').one().n),
  );

beforeAll(async () => {
  for (const site of SITES) await putSite(site);
});

// Values a hostile or broken client might send in any field.
const weird = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(''),
  fc.constantFrom(
    'Zoë',
    'Nguyễn Văn An',
    "O'Brien-Łukasz",
    '👩‍🔧🔥',
    '\u0000\u0007\u202e',
    '<script>alert(1)</script>',
    '617-555-0199',
    '+44 7700 900123',
  ),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);

/** Mostly-valid bodies with some fields replaced, dropped or added, plus pure junk. */
const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        base: fc.constant(leadBody()),
        patch: fc.dictionary(
          fc.constantFrom(...Object.keys(leadBody()), 'extra', '__proto__', 'constructor'),
          weird,
          { maxKeys: 2 },
        ),
      })
      .map(({ base, patch }) => JSON.stringify({ ...base, ...patch })),
  },
  fc.json(),
  fc.string(),
  fc.constant('{"name":'),
  fc.string({ minLength: 40_000, maxLength: 40_100 }),
);

const headers = fc.record(
  {
    'Content-Type': fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'garbage',
    ),
    'Idempotency-Key': fc.oneof(fc.uuid(), fc.string({ maxLength: 200 })),
    Origin: fc.constantFrom(
      HOST,
      HOST,
      HOST,
      'https://evil.example',
      'null',
      'https://sub.acme-heating.example',
    ),
  },
  { requiredKeys: [] },
);

const path = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SITES).map((s) => `/v1/sites/${s}/leads`) },
  fc.constantFrom(...SITES).map((s) => `/v1/sites/${s}/events`),
  fc.constantFrom(
    '/v1/sites/../leads',
    '/v1/sites/%00/leads',
    '/v1/sites/UPPER/leads',
    '/v1/sites//leads',
    '/v1/sites/a/b/c',
    '/c/%ZZ',
    '/v1/admin/sites/fuzz-a',
  ),
  fc.webPath().map((p) => `/v1/sites${p}`),
);

describe('fuzzing the public API', () => {
  it('never answers 5xx, always explains an error with a code, and stores a lead only when it answers 201', async () => {
    const before = new Map<string, number>();
    for (const s of SITES) before.set(s, await leadCount(s));
    let created = 0;
    let cases = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        path,
        headers,
        body,
        fc.constantFrom(
          'POST',
          'POST',
          'POST',
          'POST',
          'POST',
          'POST',
          'POST',
          'GET',
          'PUT',
          'OPTIONS',
        ),
        async (p, h, b, method) => {
          cases++;
          const res = await call(p, {
            method,
            headers: h,
            ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: b }),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status).toBeLessThan(500);
          if (res.status === 201) created++;
          if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
            const err = (await res.json()) as { error?: { code?: string; message?: string } };
            expect(typeof err.error?.code).toBe('string');
            expect(typeof err.error?.message).toBe('string');
            expect(JSON.stringify(err)).not.toMatch(/at .*\.ts:\d+|stack/i);
          } else {
            await res.body?.cancel();
          }
        },
      ),
      { numRuns: 2000, seed: 20261122 },
    );
    let stored = 0;
    for (const s of SITES) stored += (await leadCount(s)) - (before.get(s) ?? 0);
    expect(stored).toBe(created);
    console.log(JSON.stringify({ cases, created, statuses: Object.fromEntries(statuses) }));
  }, 120_000);
});
