// The contact centers a service process talks to, and what it last heard
// from each (for /healthz).
import type { ContactCenter } from '../shared/port.ts';
import { asCcopsError } from '../shared/errors.ts';
import { maskPhonesIn } from '../shared/mask.ts';

export interface CenterHealth {
  status: 'up' | 'down' | 'unknown';
  vendor: string;
  lastOkAt?: string;
  lastErrorAt?: string;
  lastError?: { code: string; vendorCode?: string; message: string };
}

/** Errors that say the center itself is unreachable or refuses us, not that one request was wrong. */
const DOWN_CODES = new Set(['ccops_transport_error']);
const DOWN_HTTP = (status: number | undefined) => status !== undefined && (status >= 500 || status === 401 || status === 403);
/** Vendors that answer HTTP 200 with an error code: the codes that mean "down" or "we are locked out". */
const DOWN_VENDOR_CODE = /unavailable|internal.?error|authfailure|invalidaccesskey|signature|forbidden|unauthori[sz]ed/i;

export class Centers {
  readonly #centers = new Map<string, ContactCenter>();
  readonly #health = new Map<string, CenterHealth>();
  readonly #now: () => number;

  constructor(centers: Iterable<ContactCenter>, now: () => number = Date.now) {
    this.#now = now;
    for (const c of centers) {
      this.#centers.set(c.center, c);
      this.#health.set(c.center, { status: 'unknown', vendor: c.vendor });
    }
  }

  get(name: string): ContactCenter | undefined {
    return this.#centers.get(name);
  }
  names(): string[] {
    return [...this.#centers.keys()];
  }
  all(): ContactCenter[] {
    return [...this.#centers.values()];
  }

  ok(name: string): void {
    const h = this.#health.get(name);
    if (h) Object.assign(h, { status: 'up', lastOkAt: new Date(this.#now()).toISOString() });
  }

  /** Records a failed call; only errors about the center itself mark it down. */
  failed(name: string, error: unknown): void {
    const h = this.#health.get(name);
    if (!h) return;
    const e = asCcopsError(error) as { code: string; vendorCode?: string; httpStatus?: number; message: string };
    h.lastErrorAt = new Date(this.#now()).toISOString();
    h.lastError = { code: e.code, ...(e.vendorCode ? { vendorCode: e.vendorCode } : {}), message: maskPhonesIn(e.message) }; // served on the unauthenticated /healthz
    if (DOWN_CODES.has(e.code) || DOWN_HTTP(e.httpStatus) || DOWN_VENDOR_CODE.test(e.vendorCode ?? '')) h.status = 'down';
    else if (h.status === 'unknown') h.status = 'up'; // it answered
  }

  health(): Record<string, CenterHealth> {
    return Object.fromEntries([...this.#health].map(([k, v]) => [k, { ...v }]));
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.all().map((c) => c.close()));
  }
}
