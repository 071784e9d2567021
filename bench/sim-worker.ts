// Runs a simulator in a worker thread, so the vendor's side of each request
// runs on its own thread as a remote endpoint would, and the measured thread
// does only the client's work. workerData: { module, start } (a path relative
// to this folder and the name of its start function); posts back the
// simulator's url and demo configuration.
import { parentPort, workerData } from 'node:worker_threads';

const { module, start, options } = workerData as { module: string; start: string; options?: unknown };
const mod = (await import(new URL(module, import.meta.url).href)) as Record<string, (o?: unknown) => Promise<{ url: string; demo: unknown; close(): Promise<void> }>>;
const sim = await mod[start]!(options);
parentPort!.postMessage({ url: sim.url, demo: sim.demo });
parentPort!.on('message', async (m) => {
  if (m === 'close') {
    await sim.close();
    parentPort!.postMessage('closed');
  }
});
