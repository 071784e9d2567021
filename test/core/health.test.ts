// probeCenter against a real HTTP server that is not a vendor API (a wrong
// endpoint: a plain 404 page, or 200 with HTML): the center must not be
// reported healthy just because something answered.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config.ts';
import { probeCenter } from '../../shared/health.ts';
import { UndiciTransport } from '../../shared/http.ts';
import { createContactCenter } from '../../shared/vendors/index.ts';

let server: Server;
let base: string;
const transport = new UndiciTransport();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/html')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>a login page</html>');
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await transport.close();
  await new Promise((r) => server.close(r));
});

const env = { KEY: 'k', SECRET: 's' };

function center(profile: Record<string, unknown>) {
  const config = parseConfig({ centers: { c: profile } }, { env });
  return createContactCenter('c', config.centers.c!, { transport });
}

describe('probeCenter: an endpoint that is not the vendor', () => {
  it('a Tencent profile pointed at a 404 page is not healthy', async () => {
    const h = await probeCenter(
      center({ vendor: 'tencent-tccc', endpoint: `${base}/`, sdkAppId: 1400000000, secretId: 'AKIDx', secretKey: { env: 'SECRET' } }),
    );
    expect(h.ok).toBe(false);
    expect(h.detail).toMatch(/endpoint/);
  });

  it('an Alibaba CCC profile pointed at a 404 page, or at an HTML page, is not healthy', async () => {
    for (const path of ['/', '/html']) {
      const h = await probeCenter(
        center({ vendor: 'aliyun-ccc', endpoint: `${base}${path}`, instanceId: 'i', accessKeyId: 'AK', accessKeySecret: { env: 'SECRET' } }),
      );
      expect(h, path).toMatchObject({ ok: false });
      expect(h.detail, path).toMatch(/endpoint/);
    }
  });
});
