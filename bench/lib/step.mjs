// The frame every bench step runs in. run.mjs starts each step as its own process group (so it
// can stop whatever a step leaves behind: workerd, chromium); the step does its measurement,
// releases what it started in the reverse order, and writes its result as JSON to BENCH_OUT.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const cleanups = [];

/** Registers something to release when the step ends, however it ends. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

async function cleanUp() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      console.error(`  cleanup failed: ${error}`);
    }
  }
}

/** Progress lines go to stderr so a step's stdout stays free. */
export const log = (message) => console.error(`  ${message}`);

export function stepContext() {
  const tmp = process.env.BENCH_TMP;
  const bundle = process.env.BENCH_BUNDLE;
  if (!tmp || !process.env.BENCH_OUT) throw new Error('run steps through bench/run.mjs');
  return {
    bundle,
    /** A fresh directory of this step's own under the run's temp dir. */
    dir(name) {
      const path = join(tmp, `${process.env.BENCH_STEP}-${name}`);
      mkdirSync(path, { recursive: true });
      return path;
    },
  };
}

export async function runStep(measure) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    const result = await measure(stepContext());
    await cleanUp();
    writeFileSync(process.env.BENCH_OUT, JSON.stringify(result, null, 2));
  } catch (error) {
    console.error(error);
    await cleanUp();
    process.exitCode = 1;
  }
}
