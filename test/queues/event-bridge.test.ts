// The Huawei agent event lease changes hands while its old holder still runs:
// two processes (two adapters, two bridges) on real Redis against the Huawei
// simulator. The old holder must stop polling and forget the session without
// signing the agent out or forcing it back, or the two would forcelogin the
// session away from each other.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpRequest, type Transport, UndiciTransport } from '../../shared/http.ts';
import { EventBridge } from '../../queues/event-bridge.ts';
import { Keys } from '../../queues/names.ts';
import { withScripts } from '../../queues/redis.ts';
import { type Harness, startHarness, until } from '../huawei-aicc/harness.ts';
import { dropPrefix, quietLogger, REDIS_URL, uniquePrefix } from './helpers.ts';

/** The real transport, remembering which gateway actions one adapter (one process) sent. */
function recording(inner: Transport): Transport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    send(req: HttpRequest) {
      const path = new URL(req.url).pathname;
      sent.push(/\/agentevent\//.test(path) ? 'poll' : /\/forcelogin$/.test(path) ? 'forceLogin' : req.method === 'PUT' && /\/onlineagent\/[^/]+$/.test(path) ? 'login' : `${req.method} ${path}`);
      return inner.send(req);
    },
    close: () => inner.close(),
  };
}

describe('Huawei agent event lease taken from a running holder', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => {});
  });

  it('the old holder stops polling, leaves the agent signed in for the new one, and never signs it in again', async () => {
    const prefix = uniquePrefix('bridge-release');
    cleanup.push(() => dropPrefix(prefix));
    const redis = withScripts(new Redis(REDIS_URL));
    cleanup.push(async () => redis.disconnect());
    const h: Harness = await startHarness({ sim: { pollHoldMs: 300 } });
    cleanup.push(() => h.close());
    const agentId = h.profile.agentId;
    const simAgent = h.sim.model.agents.get(agentId)!;
    const keys = new Keys(prefix);
    const leaseKey = keys.eventLease('hw', agentId);

    // Two processes: each its own adapter (sessions, pollers) on its own recorded transport.
    const httpA = recording(new UndiciTransport({ headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 }));
    const httpB = recording(new UndiciTransport({ headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 }));
    cleanup.push(() => httpA.close(), () => httpB.close());
    const a = h.another({ transport: httpA });
    const b = h.another({ transport: httpB });
    const start = async (owner: string, source: typeof a) => {
      const bridge = new EventBridge({ source, redis, reader: new Redis(REDIS_URL), keys, owner, agents: [agentId], logger: quietLogger(), leaseMs: 600 });
      cleanup.push(() => bridge.stop({ release: false }));
      await bridge.start();
      return bridge;
    };

    // A holds the lease, signs in and polls.
    const bridgeA = await start('A', a);
    expect(bridgeA.heldAgents).toEqual([agentId]);
    await until(() => a.signedInAgents.includes(agentId) && httpA.sent.filter((s) => s === 'poll').length >= 2, 'A to poll');

    // A's lease lapses and B takes it (A's process keeps running); B signs in with forcelogin.
    await redis.set(leaseKey, 'B', 'PX', 600);
    const bridgeB = await start('B', b);
    expect(bridgeB.heldAgents).toEqual([agentId]);
    expect(b.signedInAgents).toEqual([agentId]);

    // A's next renewal finds the lease gone and calls releaseAgent.
    await until(() => bridgeA.heldAgents.length === 0 && a.signedInAgents.length === 0, 'A to release the agent');
    const sentByA = httpA.sent.length;
    expect(httpA.sent).not.toContain(`DELETE /agentgateway/resource/onlineagent/${agentId}/logout`);

    // Until A released, its poller may have forced the session back once; B then recovers it. Let that settle.
    const polledB = () => httpB.sent.filter((s) => s === 'poll').length;
    let seen = polledB();
    await until(() => b.signedInAgents.includes(agentId) && polledB() >= seen + 2, 'B to poll');
    const logMark = h.sim.log.entries().length;
    const forcedMark = simAgent.signOuts.length;

    // Several of B's long polls (and many of A's lease renewals) later: A sent nothing, nobody signed in again.
    seen = polledB();
    await until(() => polledB() >= seen + 5, 'B to poll five more times');
    const after = h.sim.log.entries().slice(logMark);
    expect(httpA.sent.slice(sentByA)).toEqual([]);
    expect(after.filter((e) => ['login', 'forceLogin', 'logout'].includes(e.action))).toEqual([]);
    expect(simAgent.signOuts.slice(forcedMark)).toEqual([]);
    const polls = after.filter((e) => e.action === 'getAgentEvent');
    expect(polls.length).toBeGreaterThanOrEqual(5);
    expect(polls.filter((e) => e.error)).toEqual([]); // all answered: B's Guid stays valid
    expect(simAgent.signedIn).toBe(true);
    expect(bridgeA.heldAgents).toEqual([]);
    expect(await redis.get(leaseKey)).toBe('B');

    // A reports the agent without signing in (the bridge's lease path is the only way back).
    expect((await a.getAgentState(agentId)).raw).toMatchObject({ signedIn: false });
    expect(httpA.sent.slice(sentByA)).toEqual([]);
  });
});
