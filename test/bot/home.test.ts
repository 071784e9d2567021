// App Home's model: a vendor failure is shown, with phone numbers masked
// (the sentence goes to Slack).
import { describe, expect, it } from 'vitest';
import type { AlertBook } from '../../bot/alert-book.ts';
import type { BotContext } from '../../bot/context.ts';
import { buildHome } from '../../bot/home.ts';
import type { MuteBook } from '../../bot/mutes.ts';
import { supported, type ContactCenter } from '../../shared/port.ts';

describe('buildHome', () => {
  it('shows a failed agent read with the number in the vendor sentence masked', async () => {
    const adapter = {
      center: 'c1',
      vendor: 'tencent-tccc',
      capabilities: { getAgentState: supported },
      getAgentState: () => Promise.reject(new Error('agent bound to 13175112345 is unknown')),
    } as unknown as ContactCenter;
    const ctx = {
      slack: { userAgents: { U1: { center: 'c1', agentId: 'a1' } } },
      centers: { names: ['c1'], defaultCenter: 'c1', defaultCenterByChannel: {} },
      lookupCenter: () => adapter,
      supervisors: { isSupervisor: async () => false },
      now: () => 0,
    } as unknown as BotContext;
    const book = { alertsSince: async () => 0 } as unknown as AlertBook;
    const mutes = { listCenter: async () => [] } as unknown as MuteBook;
    const model = await buildHome(ctx, book, mutes, 'U1');
    expect(model.centers[0]?.problem).toBe('Could not read agent states: agent bound to 1317511**** is unknown');
  });
});
