// Where the local worker keeps its Durable Objects' SQLite files. On tmpfs by default: on this
// machine's disk every implicit commit waits for the disk, which roughly halves lead throughput
// and doubles CPU per lead, and that is the local disk's cost, not the worker's (production
// storage is not this disk either). BENCH_STATE_ON_DISK=1 keeps state on the disk to see it.
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';

function tmpfs() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return null;
  }
}

/** The parent of the run's temp dir (bundle, workers' state, browser profiles). */
export function stateRoot() {
  return process.env.BENCH_STATE_ON_DISK === '1' ? tmpdir() : (tmpfs() ?? tmpdir());
}
