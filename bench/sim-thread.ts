// Starts a vendor simulator in a worker thread (bench/sim-worker.ts), so the
// vendor's side of each request runs on its own thread as a remote endpoint
// would and the measuring thread does only the client's work.
import { Worker } from 'node:worker_threads';

export interface SimThread {
  url: string;
  /** The simulator's demo configuration: a profile and the env that holds its secrets. */
  demo: { profile: Record<string, unknown>; env: Record<string, string> };
  close(): Promise<void>;
}

/**
 * @param module the simulator's module, relative to bench/ (e.g. `../sim/aliyun-ccc/index.ts`)
 * @param start the name of its exported start function
 * @param options passed to the start function (must be structured-cloneable)
 */
export async function startSimThread(module: string, start: string, options?: unknown): Promise<SimThread> {
  const worker = new Worker(new URL('./sim-worker.ts', import.meta.url), { workerData: { module, start, options } });
  const { url, demo } = await new Promise<{ url: string; demo: SimThread['demo'] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url,
    demo,
    async close() {
      const closed = new Promise((r) => worker.once('message', r));
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
