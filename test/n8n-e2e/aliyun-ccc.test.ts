// n8n-nodes-aliyun-ccc in a real n8n 2.41: start a conference and wait for its
// outcome, then end it, through `n8n execute --id`, against the CCC simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAliyunCccSim, type AliyunCccSim } from '../../sim/aliyun-ccc/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainWorkflow, itemsOf, N8nInstance, repo } from './n8n.ts';
import { type Sink, startSink } from './sink.ts';

const PKG = 'n8n-nodes-aliyun-ccc';
const KEY_ID = 'LTAI5tCcopsE2eCcc0001';
const KEY_SECRET = 'ccopsE2eCccSecret0000000000000000';
const CRED = { aliyunCccApi: { id: 'cccCred1', name: 'CCC sim' } };
const HOST = 'agent@ccc-test';

let sim: AliyunCccSim;
let n8n: N8nInstance;
let sink: Sink;

beforeAll(async () => {
  sim = await startAliyunCccSim({ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, historyHours: 2, timings: { ringAfterMs: 500, answerAfterMs: 1500 } });
  sink = await startSink();
  n8n = await N8nInstance.create([PKG]);
  await n8n.importCredentials([
    {
      id: 'cccCred1',
      name: 'CCC sim',
      type: 'aliyunCccApi',
      data: { accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, securityToken: '', region: 'cn-shanghai', endpoint: sim.url, instanceId: 'ccc-test', signatureVersion: 'v3' },
    },
  ]);
});

afterAll(async () => {
  n8n?.dispose();
  await sim?.close();
  await sink?.close();
});

describe('Alibaba CCC nodes in n8n', () => {
  it('starts a conference, waits until both participants answered, then ends it', async () => {
    await n8n.importWorkflow(
      chainWorkflow('cccConf', [
        {
          name: 'Start Conference',
          type: `${PKG}.aliyunCcc`,
          parameters: { resource: 'conference', operation: 'start', participants: '13175112345, li.na', agentId: HOST, options: { waitSeconds: 30 } },
          credentials: CRED,
        },
        {
          name: 'End Conference',
          type: `${PKG}.aliyunCcc`,
          parameters: { resource: 'conference', operation: 'end', conferenceId: '={{ $json.id }}', agentId: HOST, options: {} },
          credentials: CRED,
        },
      ]),
    );
    const run = await n8n.execute('cccConf');
    expect(run.code, run.output).toBe(0);
    const [started] = itemsOf(run.result!, 'Start Conference');
    expect(started).toMatchObject({
      outcome: 'done',
      chair: HOST,
      participants: [
        { kind: 'phone', state: 'joined' },
        { kind: 'agent', address: sim.model.agents.get('li.na@ccc-test')!.extension, state: 'joined' },
      ],
    });
    expect(itemsOf(run.result!, 'End Conference')).toEqual([expect.objectContaining({ id: started!.id, outcome: 'done' })]);
    const served = sim.log.entries();
    const actions = served.map((e) => e.action);
    expect(actions[0]).toBe('ListRealtimeAgentStates'); // li.na -> her extension
    expect(actions).toContain('StartConference');
    expect(actions.filter((a) => a === 'PollUserStatus').length).toBeGreaterThanOrEqual(1);
    expect(actions.at(-1)).toBe('EndConference');
    expect(served.every((e) => e.status === 200)).toBe(true);
    expect(sim.model.jobs.get(String(started!.id))?.legs.map((l) => l.destination)).toEqual(['13175112345', sim.model.agents.get('li.na@ccc-test')!.extension]);
  });

  it('a refused request fails the execution with the vendor code (exit 1)', async () => {
    await n8n.importWorkflow(
      chainWorkflow('cccBad', [
        {
          name: 'Start Conference',
          type: `${PKG}.aliyunCcc`,
          parameters: { resource: 'conference', operation: 'start', participants: '80019999', agentId: HOST, options: {} },
          credentials: CRED,
        },
      ]),
    );
    const run = await n8n.execute('cccBad');
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/NotExists\.Number/);
  });

  it('the sample "agents on break > 30 min" workflow reports exactly those agents', async () => {
    type Node = { name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: unknown };
    const wf = JSON.parse(readFileSync(join(repo, 'nodes/examples/agents-on-long-break-report.json'), 'utf8')) as { nodes: Node[] } & Record<string, unknown>;
    // Runnable from the CLI: a manual start instead of the schedule, the sink instead of Slack.
    for (const n of wf.nodes) {
      if (n.type === 'n8n-nodes-base.scheduleTrigger') Object.assign(n, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
      if (n.type === 'n8n-nodes-aliyun-ccc.aliyunCcc') n.credentials = CRED;
      if (n.type === 'n8n-nodes-base.slack') {
        const text = n.parameters.text;
        Object.assign(n, {
          type: 'n8n-nodes-base.httpRequest',
          typeVersion: 4.2,
          credentials: undefined,
          parameters: { method: 'POST', url: sink.url, sendBody: true, contentType: 'raw', rawContentType: 'text/plain', body: text, options: {} },
        });
      }
    }
    const minutesAgo = (m: number) => Date.now() - m * 60_000;
    Object.assign(sim.model.agents.get('li.na@ccc-test')!, { state: 'BREAK', breakCode: 'lunch', stateSince: minutesAgo(45) });
    Object.assign(sim.model.agents.get('agent@ccc-test')!, { state: 'BREAK', breakCode: 'coffee', stateSince: minutesAgo(5) });
    Object.assign(sim.model.agents.get('zhao.lei@ccc-test')!, { state: 'READY', stateSince: minutesAgo(90) });
    await n8n.importWorkflow({ ...wf, id: 'cccBreakReport', name: 'cccBreakReport', active: false });
    const run = await n8n.execute('cccBreakReport');
    expect(run.code, run.output).toBe(0);
    expect(itemsOf(run.result!, 'On Break > 30 min').map((i) => i.agentId)).toEqual(['li.na@ccc-test']);
    expect(sink.received).toHaveLength(1);
    const report = String(sink.received[0]!.unparsed);
    expect(report).toMatch(/^Agents on break for more than 30 minutes:\n• li\.na@ccc-test \(lunch\) since \d\d:\d\d, 4[5-6] min$/);
  });
});
