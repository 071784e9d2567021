// Who counts as a supervisor: listed users, members of listed user groups
// (cached), and what happens when Slack is slow or failing. The WebClient is
// replaced by a stand-in: only usergroups.users.list is called.
import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { SupervisorDirectory } from '../../bot/supervisors.ts';

function client(list: (group: string) => Promise<{ users?: string[] }>): WebClient & { calls: string[] } {
  const calls: string[] = [];
  return { calls, usergroups: { users: { list: ({ usergroup }: { usergroup: string }) => (calls.push(usergroup), list(usergroup)) } } } as never;
}

describe('SupervisorDirectory', () => {
  it('knows listed users and group members, and asks Slack once per cache period', async () => {
    let t = 0;
    const c = client(async () => ({ users: ['UG1'] }));
    const dir = new SupervisorDirectory({ users: ['U1'], userGroups: ['S1'] }, c, { now: () => t, cacheMs: 1000 });
    expect(await dir.isSupervisor('U1')).toBe(true);
    expect(await dir.isSupervisor('UG1')).toBe(true);
    expect(await dir.isSupervisor('U2')).toBe(false);
    expect(c.calls).toEqual(['S1']);
    t = 1000;
    expect(await dir.isSupervisor('UG1')).toBe(true);
    expect(c.calls).toEqual(['S1', 'S1']);
  });

  it('keeps the last member list when Slack fails, and refuses when it never had one', async () => {
    let t = 0;
    let fail = false;
    const errors: string[] = [];
    const c = client(async () => {
      if (fail) throw new Error('slack down');
      return { users: ['UG1'] };
    });
    const dir = new SupervisorDirectory({ users: [], userGroups: ['S1'] }, c, { now: () => t, cacheMs: 10, onError: (g) => errors.push(g) });
    expect(await dir.isSupervisor('UG1')).toBe(true);
    fail = true;
    t = 100;
    expect(await dir.isSupervisor('UG1')).toBe(true);
    expect(errors).toEqual(['S1']);
    const fresh = new SupervisorDirectory({ users: [], userGroups: ['S1'] }, c, { now: () => t });
    expect(await fresh.isSupervisor('UG1')).toBe(false);
  });

  it('gives up on a lookup that never answers (the /cc ack waits for it) and refuses', async () => {
    const errors: unknown[] = [];
    const c = client(() => new Promise(() => {})); // Slack never answers
    const dir = new SupervisorDirectory({ users: [], userGroups: ['S1'] }, c, { lookupTimeoutMs: 20, onError: (_g, e) => errors.push(e) });
    expect(await dir.isSupervisor('UG1')).toBe(false);
    expect(String(errors[0])).toMatch(/no answer within 20 ms/);
  });

  it('asks for all groups at once (the ack waits for the slowest, not for their sum)', async () => {
    let secondAsked!: () => void;
    const asked = new Promise<void>((r) => (secondAsked = r));
    // S1 answers only once S2 has been asked: one group after the other would wait for S1's timeout.
    const c = client(async (g) => {
      if (g === 'S2') {
        secondAsked();
        return { users: ['UG2'] };
      }
      await asked;
      return { users: [] };
    });
    const dir = new SupervisorDirectory({ users: [], userGroups: ['S1', 'S2'] }, c, { lookupTimeoutMs: 600_000 });
    expect(await dir.isSupervisor('UG2')).toBe(true);
  });
});
