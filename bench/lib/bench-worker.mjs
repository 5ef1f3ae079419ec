// The worker every server-side step measures: the local workerd with its SMS going to the alert
// sink, both released when the step ends.
import { startAlertSink } from './alert-sink.mjs';
import { startLocalWorker } from './local-worker.mjs';
import { onCleanup } from './step.mjs';

export async function startBenchWorker(ctx, options = {}) {
  const sink = await startAlertSink();
  onCleanup(sink.stop);
  const worker = await startLocalWorker({
    bundle: ctx.bundle,
    persistDir: ctx.dir('state'),
    ...options,
    bindings: sink.bindings,
  });
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await worker.dispose();
  };
  onCleanup(dispose);
  return { ...worker, dispose, sink };
}
