// UndiciTransport against a local server: a plain exchange, options checked
// up front, headers/body timeouts, the response size cap, abort, refused
// connections, and whether a failed request counts as sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndiciTransport } from '../../shared/http.ts';

let server: Server;
let base: string;
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      switch (url.pathname) {
        case '/echo':
          res.writeHead(201, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
          res.end(JSON.stringify({ method: req.method, body, header: req.headers['x-test'] }));
          return;
        case '/slow-headers':
          setTimeout(() => res.end('late'), 3_000);
          return;
        case '/stall-body':
          res.writeHead(200);
          res.write('partial');
          return; // never ends
        case '/big':
          res.writeHead(200);
          res.end('x'.repeat(64 * 1024));
          return;
        case '/drop':
          req.socket.destroy();
          return;
        default:
          res.writeHead(404);
          res.end('nope');
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

describe('UndiciTransport', () => {
  it('sends method, headers and body; returns status, lower-case headers (repeated joined) and body', async () => {
    const t = new UndiciTransport();
    const r = await t.send({ method: 'POST', url: `${base}/echo`, headers: { 'X-Test': 'yes' }, body: 'a=1' });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-multi']).toBe('a, b');
    expect(JSON.parse(r.body)).toEqual({ method: 'POST', body: 'a=1', header: 'yes' });
    // HTTP errors are answers, not exceptions: the vendor client reads them.
    expect((await t.send({ method: 'GET', url: `${base}/missing`, headers: {} })).status).toBe(404);
    await t.close();
  });

  it('checks its options up front', () => {
    expect(() => new UndiciTransport({ headersTimeoutMs: 0 })).toThrow(/headersTimeoutMs must be a positive number/);
    expect(() => new UndiciTransport({ maxResponseBytes: Number.NaN })).toThrow(/maxResponseBytes/);
  });

  it('times out waiting for headers (sent: true, a write may have been applied)', async () => {
    const t = new UndiciTransport({ headersTimeoutMs: 100 });
    await expect(t.send({ method: 'GET', url: `${base}/slow-headers`, headers: {} })).rejects.toMatchObject({
      code: 'ccops_transport_error',
      transportCode: 'UND_ERR_HEADERS_TIMEOUT',
      sent: true,
    });
    await t.close();
  });

  it('times out when the body stalls', async () => {
    const t = new UndiciTransport({ bodyTimeoutMs: 100 });
    await expect(t.send({ method: 'GET', url: `${base}/stall-body`, headers: {} })).rejects.toMatchObject({
      transportCode: 'UND_ERR_BODY_TIMEOUT',
      message: expect.stringContaining('stalled'),
    });
    await t.close();
  });

  it('refuses a response larger than the cap', async () => {
    const t = new UndiciTransport({ maxResponseBytes: 1024 });
    await expect(t.send({ method: 'GET', url: `${base}/big`, headers: {} })).rejects.toMatchObject({
      code: 'ccops_transport_error',
      message: expect.stringContaining('larger than allowed'),
    });
    await t.close();
  });

  it('aborts on the caller’s signal', async () => {
    const t = new UndiciTransport();
    const ac = new AbortController();
    const p = t.send({ method: 'GET', url: `${base}/slow-headers`, headers: {}, signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ code: 'ccops_transport_error', transportCode: 'ABORT_ERR', message: expect.stringContaining('cancelled') });
    // The caller's own abort reason too.
    const ac2 = new AbortController();
    const p2 = t.send({ method: 'GET', url: `${base}/slow-headers`, headers: {}, signal: ac2.signal });
    setTimeout(() => ac2.abort(new Error('user pressed ctrl-c')), 20);
    await expect(p2).rejects.toMatchObject({ transportCode: 'ABORT_ERR' });
    await t.close();
  });

  it('a refused connection was not sent (safe to retry even for a write); a dropped one was', async () => {
    const t = new UndiciTransport();
    await expect(t.send({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {} })).rejects.toMatchObject({
      transportCode: 'ECONNREFUSED',
      sent: false,
    });
    await expect(t.send({ method: 'POST', url: `${base}/drop`, headers: {}, body: 'x' })).rejects.toMatchObject({
      code: 'ccops_transport_error',
      sent: true,
    });
    await t.close();
  });
});
