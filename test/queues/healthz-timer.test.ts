// /healthz bounds its Redis ping with a timer; a prompt answer must not leave
// that timer running (it kept a stopping process alive for 2 s after each probe).
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { Centers } from '../../queues/centers.ts';
import { createHttpApp } from '../../queues/http.ts';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/healthz', () => {
  it('leaves no timer behind once Redis answered', async () => {
    const app = createHttpApp({ redis: { ping: async () => 'PONG' } as unknown as Redis, centers: new Centers([]), queues: [], registry: new Registry() });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await get(port, '/metrics')).toBe(200); // warm up
      const before = timers();
      expect(await get(port, '/healthz')).toBe(200);
      expect(timers()).toBe(before);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
