// What every simulator shares: a real HTTP server on loopback, a log of the
// requests it served (tests and the n8n suite assert on it), and faults on
// demand. Each vendor's simulator renders faults in its own error format.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type SimHandler = (req: SimRequest) => Promise<SimReply | 'drop'> | SimReply | 'drop';

export interface SimServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface LoggedRequest {
  at: string;
  /** The vendor's action or route, e.g. `StartConference`. */
  action: string;
  status: number;
  /** The vendor's error code, when it answered with one. */
  error?: string;
  /** Parameters that identify what was acted on (agent, call), for assertions. */
  detail?: Record<string, string>;
}

/** A bounded, in-memory log of served requests. */
export class RequestLog {
  readonly #entries: LoggedRequest[] = [];
  readonly #limit: number;
  constructor(limit = 10_000) {
    this.#limit = limit;
  }
  add(entry: LoggedRequest): void {
    this.#entries.push(entry);
    // Trim in batches: shifting the whole array on every request once full cost ~10 µs a request.
    if (this.#entries.length >= 2 * this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
  }
  entries(filter?: Partial<Pick<LoggedRequest, 'action' | 'error'>>): LoggedRequest[] {
    const kept = this.#entries.length > this.#limit ? this.#entries.slice(-this.#limit) : this.#entries;
    return kept.filter(
      (e) => (!filter?.action || e.action === filter.action) && (!filter?.error || e.error === filter.error),
    );
  }
  clear(): void {
    this.#entries.length = 0;
  }
}

export type Fault =
  | { kind: 'throttle'; retryAfterMs?: number }
  | { kind: 'internal' }
  | { kind: 'unavailable' }
  | { kind: 'slow'; ms: number }
  | { kind: 'drop' };

export interface PlanOptions {
  /** Only requests for this action; any action when absent. */
  action?: string;
  /** How many requests it answers. @defaultValue 1 */
  times?: number;
}

/**
 * Answers queued by tests or the demo for the next requests (faults, vendor
 * error codes): each is served `times` times, then gone; the first queued
 * that fits a request's action is served first.
 */
export class ActionPlan<T> {
  readonly #planned: Array<{ item: T; action?: string; remaining: number }> = [];
  add(item: T, opts: PlanOptions = {}): void {
    this.#planned.push({ item, action: opts.action, remaining: opts.times ?? 1 });
  }
  /** The next planned item for this action, consuming one use of it. */
  take(action: string): T | undefined {
    const i = this.#planned.findIndex((p) => !p.action || p.action === action);
    if (i < 0) return undefined;
    const p = this.#planned[i]!;
    if (--p.remaining <= 0) this.#planned.splice(i, 1);
    return p.item;
  }
  clear(): void {
    this.#planned.length = 0;
  }
}

/** Faults queued by tests or the demo; each is served `times` times, then gone. */
export class FaultPlan extends ActionPlan<Fault> {
  inject(fault: Fault, opts: PlanOptions = {}): void {
    this.add(fault, opts);
  }
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts a handler on 127.0.0.1 (port 0: any free port). */
export async function startSimServer(handler: SimHandler, port = 0): Promise<SimServer> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const body = await readBody(req);
      const reply = await handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      if (reply === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json;charset=utf-8', ...reply.headers });
      res.end(reply.body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${(e as Error).message}`);
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
