// One agent's session at the gateway: sign in (forcelogin when already signed
// in), the Guid that authenticates every request, its rotation, and sign-out.
//
// Guid rules (notes B.0): the Guid comes in the `Set-GUID` response header
// (`JSESSIONID=<guid>`) of sign-in, and in dynamic mode of event polls; it is
// sent back as header `Guid`. A response may only replace the Guid it was sent
// with: an answer to a request sent before a re-sign-in must not overwrite the
// newer Guid (the generation check below).
//
// Serialization: the gateway refuses overlapping sign-in/sign-out and repeated
// calls (000-007), so operations of one agent run one at a time through a
// FIFO lock. The event poll runs beside them (it is a long poll) and only takes
// the lock to recover a lost sign-in.
import { VendorError } from '../../errors.ts';
import type { HttpMethod, HttpResponse, Transport } from '../../http.ts';
import type { Secret } from '../../secret.ts';
import { gatewayError, httpError, needsReauthentication, VENDOR } from './retcodes.ts';
import { GatewayEnvelope } from './wire.ts';

/** Runs tasks one at a time, in call order. */
export class SerialLock {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => {});
    return result;
  }
}

export interface AgentCredentials {
  agentId: string;
  password: Secret;
  phoneNumber: string;
}

export interface GatewayCall {
  method: HttpMethod;
  /** Below the gateway base, e.g. `onlineagent/291/sayfree`. */
  path: string;
  body?: unknown;
  /** The gateway's method name (logs, error messages), e.g. `sayFree`. */
  name: string;
  /** Cancels the request (not its place in the agent's queue). */
  signal?: AbortSignal;
}

export interface SessionOptions {
  transport: Transport;
  /** …/agentgateway/resource */
  gatewayUrl: string;
  agent: AgentCredentials;
  /** Observes Guid changes and sign-ins (tests, metrics); never given the Guid itself. */
  onSessionEvent?: (e: { kind: 'signed_in' | 'forced_sign_in' | 'signed_out' | 'guid_rotated' | 'reauthenticated' }) => void;
}

/** The Guid inside a Set-GUID value: `JSESSIONID=<guid>[; attributes]`. */
export function guidFromSetGuid(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const first = value.split(/[;,]/)[0]!.trim();
  const guid = first.replace(/^JSESSIONID=/i, '').trim();
  return guid || undefined;
}

/** How often a request may be repeated because a concurrent poll had rotated the Guid. */
const MAX_STALE_GUID_REPEATS = 3;
/** How long a refused request waits for a poll answer already on the wire before signing in again. */
const ROTATION_SETTLE_MS = 250;

function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    p.then(
      () => (clearTimeout(t), resolve()),
      () => (clearTimeout(t), resolve()),
    );
  });
}

export class HuaweiAgentSession {
  readonly agentId: string;
  readonly #opts: SessionOptions;
  readonly #base: string;
  readonly #lock = new SerialLock();
  #guid: string | undefined;
  /** Bumped on every Guid change; a response only updates the Guid of its own generation. */
  #generation = 0;
  #signedIn = false;
  /** False after an explicit sign-out: nothing signs the agent in again behind the user's back. */
  #wanted = false;
  /** Handed over to another process: this session never signs in again (it would force the other out). */
  #released = false;
  /** The event poll on the wire, if any: its answer may carry the Guid that replaces ours. */
  #pollInFlight: Promise<unknown> | undefined;

  constructor(opts: SessionOptions) {
    this.#opts = opts;
    this.agentId = opts.agent.agentId;
    this.#base = opts.gatewayUrl.replace(/\/+$/, '');
  }

  get signedIn(): boolean {
    return this.#signedIn;
  }
  /** ccops means the agent to be signed in (signed in, or recovering the sign-in). */
  get wanted(): boolean {
    return this.#wanted;
  }
  /** How many Guids this session has had (sign-ins and rotations). */
  get generation(): number {
    return this.#generation;
  }

  /** Signs in unless signed in already. */
  signIn(): Promise<void> {
    return this.#lock.run(async () => {
      if (!this.#signedIn) await this.#signInLocked();
    });
  }

  /** Signs out (DELETE …/logout). An agent the gateway already signed out counts as signed out. */
  signOut(): Promise<void> {
    return this.#lock.run(async () => {
      this.#wanted = false;
      if (!this.#signedIn) return;
      const env = await this.#send({ method: 'DELETE', path: `onlineagent/${this.agentId}/logout`, name: 'logout' }, this.#guid);
      if (env.retcode !== '0' && !['100-008', '100-006', '000-003'].includes(env.retcode)) {
        this.#wanted = true; // still signed in (e.g. 100-010 during a call)
        throw gatewayError(env.retcode, env.message, undefined, 'Signing out');
      }
      this.#signedIn = false;
      this.#guid = undefined;
      this.#generation++;
      this.#opts.onSessionEvent?.({ kind: 'signed_out' });
    });
  }

  /**
   * Forgets the Guid without signing out: another process signed the agent in
   * and owns the gateway session now. Any later sign-in, operation or
   * recovery through this session is refused.
   */
  release(): void {
    this.#released = true;
    this.#wanted = false;
    this.#signedIn = false;
    this.#guid = undefined;
    this.#generation++;
  }

  /**
   * One operation: signs in first if needed, sends it with the current Guid,
   * and on 000-003 / 100-006 signs in again once and repeats it. Returns the
   * envelope of a successful call; throws a VendorError otherwise.
   */
  call(op: GatewayCall): Promise<GatewayEnvelope> {
    return this.#lock.run(async () => {
      if (!this.#signedIn) await this.#signInLocked();
      let reauthenticated = false;
      for (let stale = 0; ; ) {
        const guid = this.#guid;
        const env = await this.#send(op, guid);
        if (env.retcode === '0') return env;
        if (needsReauthentication(env.retcode)) {
          // The gateway may have rotated the Guid in a poll answer that is still on its way.
          if (this.#guid === guid && this.#pollInFlight) await settleWithin(this.#pollInFlight, ROTATION_SETTLE_MS);
          if (this.#guid !== guid && stale++ < MAX_STALE_GUID_REPEATS) continue; // a poll rotated it meanwhile
          if (!reauthenticated) {
            reauthenticated = true;
            this.#signedIn = false;
            await this.#signInLocked();
            this.#opts.onSessionEvent?.({ kind: 'reauthenticated' });
            continue;
          }
        }
        throw gatewayError(env.retcode, env.message, undefined, describe(op.name));
      }
    });
  }

  /**
   * One long poll of the agent's events (not serialized with operations). The
   * caller passes the envelope's event on; a lost sign-in is recovered here.
   */
  async pollEvents(signal?: AbortSignal): Promise<GatewayEnvelope> {
    if (!this.#signedIn) throw new Error(`agent ${this.agentId} is not signed in`);
    const guid = this.#guid;
    const sending = this.#send({ method: 'GET', path: `agentevent/${this.agentId}`, name: 'getAgentEvent' }, guid, signal);
    this.#pollInFlight = sending;
    let env: GatewayEnvelope;
    try {
      env = await sending;
    } finally {
      if (this.#pollInFlight === sending) this.#pollInFlight = undefined;
    }
    if (env.retcode !== '0' && needsReauthentication(env.retcode)) {
      await this.#lock.run(async () => {
        // Only if nothing replaced that Guid meanwhile, and nobody signed out on purpose.
        if (this.#guid === guid && this.#wanted) {
          this.#signedIn = false;
          await this.#signInLocked();
          this.#opts.onSessionEvent?.({ kind: 'reauthenticated' });
        }
      });
    }
    return env;
  }

  async #signInLocked(): Promise<void> {
    const { agentId, password, phoneNumber } = this.#opts.agent;
    this.#refuseIfReleased();
    // Forget the old Guid first; answers to requests sent with it can no longer set one.
    this.#guid = undefined;
    this.#generation++;
    const body = { password: password.reveal(), phonenum: phoneNumber, status: '4', releasephone: 'true', agenttype: '4' };
    let env = await this.#send({ method: 'PUT', path: `onlineagent/${agentId}`, body, name: 'login' }, undefined);
    let kind: 'signed_in' | 'forced_sign_in' = 'signed_in';
    if (env.retcode === '100-002') {
      this.#refuseIfReleased();
      // Already signed in (a previous ccops process, or a lost Guid): take the session over.
      env = await this.#send({ method: 'PUT', path: `onlineagent/${agentId}/forcelogin`, body, name: 'forceLogin' }, undefined);
      kind = 'forced_sign_in';
    }
    if (env.retcode !== '0') throw gatewayError(env.retcode, env.message, undefined, `Signing in agent ${agentId}`);
    if (!this.#guid) {
      throw gatewayError('000-003', 'sign-in answered without a Set-GUID header', undefined, `Signing in agent ${agentId}`);
    }
    this.#refuseIfReleased(); // released while signing in: keep nothing of it
    this.#signedIn = true;
    this.#wanted = true;
    this.#opts.onSessionEvent?.({ kind });
  }

  #refuseIfReleased(): void {
    if (this.#released) {
      this.#guid = undefined;
      throw new VendorError({
        vendor: VENDOR,
        vendorCode: 'agent_handed_over',
        message: `Agent ${this.agentId} is now signed in by another ccops process, so this one stopped acting as it; try again and the operation goes to the process holding the agent.`,
        retryable: true,
      });
    }
  }

  /** Sends one request; adopts a Set-GUID of the same generation (sign-in: always). */
  async #send(op: GatewayCall, guid: string | undefined, signal?: AbortSignal): Promise<GatewayEnvelope> {
    const generation = this.#generation;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
    if (guid) headers.guid = guid;
    const res: HttpResponse = await this.#opts.transport.send({
      method: op.method,
      url: `${this.#base}/${op.path}`,
      headers,
      ...(op.body !== undefined ? { body: JSON.stringify(op.body) } : {}),
      ...((signal ?? op.signal) ? { signal: signal ?? op.signal } : {}),
    });
    const next = guidFromSetGuid(res.headers['set-guid']);
    const isSignIn = op.name === 'login' || op.name === 'forceLogin';
    if (next && next !== this.#guid && (isSignIn || generation === this.#generation)) {
      const rotated = !isSignIn && this.#guid !== undefined;
      this.#guid = next;
      this.#generation++;
      if (rotated) this.#opts.onSessionEvent?.({ kind: 'guid_rotated' });
    }
    return parseEnvelope(res);
  }
}

export function parseEnvelope(res: HttpResponse): GatewayEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    throw httpError(res.status, res.body);
  }
  const parsed = GatewayEnvelope.safeParse(json);
  if (!parsed.success || res.status >= 400) throw httpError(res.status, res.body);
  return parsed.data;
}

const NAMES: Record<string, string> = {
  requestAgentConf: 'Starting the conference',
  batchAddParticipant: 'Inviting the participants',
  releaseAgentConf: 'Ending the conference',
  requestLeaveAgentConf: 'Leaving the conference',
  sayFree: 'Setting the agent ready',
  sayBusy: 'Setting the agent not ready',
  rest: 'Starting the break',
  cancelRest: 'Ending the break',
  agentStatus: 'Reading the agent status',
  queryCallInfo: 'Reading the call',
};
const describe = (name: string) => NAMES[name] ?? name;
