// The demo world `npm start` runs when there is no configuration: the four
// vendor simulators with live traffic, the Slack stand-in with its web page,
// and a configuration for them (written to the demo directory, secrets in
// files only this user can read) that the service, the bot and the CLI use as
// they would use a real one.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile, type Config } from '../shared/config.ts';
import { startSimulators, type RunningSimulators } from '../sim/index.ts';
import { installInteractivity, type Interactivity } from '../sim/slack/interactivity.ts';
import { type SlackSim, startSlackSim } from '../sim/slack/index.ts';
import { installWebPage, type WebPage, type WebPerson } from '../sim/slack/web/index.ts';

export const DEMO_CHANNEL = '#cc-alerts';

export interface DemoOptions {
  /** Where the configuration and secret files go (removed by close). */
  dir: string;
  /** Simulated calls keep coming (a share of them abandoned). @defaultValue true */
  traffic?: boolean;
  /** Port of the Slack stand-in and its page. @defaultValue 0 (a free one) */
  slackPort?: number;
  /** Seconds between abandoned-call polls. @defaultValue 5 */
  pollSeconds?: number;
}

export interface Demo {
  config: Config;
  configPath: string;
  sims: RunningSimulators;
  slack: SlackSim;
  interactivity: Interactivity;
  page: WebPage;
  people: WebPerson[];
  /** Tells the page where the bot listens (known once the service runs). */
  connect(requestUrl: string): void;
  close(): Promise<void>;
}

const SUPERVISOR: WebPerson = { id: 'U0DEMOSUP1', name: 'Mei Chen', role: 'supervisor' };
/** The supervisor's own phone at shanghai: what an alert's Call back rings first. */
const SUPERVISOR_AGENT = { center: 'shanghai', agentId: 'zhao.lei@ccc-test' };

/** The demo's Slack users: one supervisor (with an agent of her own, for Call back), and one agent per center. */
function demoPeople(sims: RunningSimulators): { people: WebPerson[]; userAgents: Record<string, { center: string; agentId: string }> } {
  const agentAt: Record<string, { id: string; name: string; agentId?: string }> = {
    shanghai: { id: 'U0DEMOAG01', name: 'Ada Wong', agentId: 'agent@ccc-test' },
    guangzhou: { id: 'U0DEMOAG02', name: 'Bo Zhang', agentId: 'agent@tccc-demo' },
    hotline: { id: 'U0DEMOAG03', name: 'Li Na', agentId: 'li.na@example.com' },
    'hw-prod': { id: 'U0DEMOAG04', name: 'Hua Li' },
  };
  const people: WebPerson[] = [];
  const userAgents: Record<string, { center: string; agentId: string }> = {};
  if (sims.byCenter(SUPERVISOR_AGENT.center)) {
    people.push({ ...SUPERVISOR, agent: `${SUPERVISOR_AGENT.agentId} at ${SUPERVISOR_AGENT.center}` });
    userAgents[SUPERVISOR.id] = SUPERVISOR_AGENT;
  } else people.push(SUPERVISOR);
  for (const sim of sims.list) {
    const a = agentAt[sim.center];
    const agentId = a?.agentId ?? (typeof sim.demo.profile.agentId === 'string' ? sim.demo.profile.agentId : undefined);
    if (!a || !agentId) continue;
    people.push({ id: a.id, name: a.name, role: 'agent', agent: `${agentId} at ${sim.center}` });
    userAgents[a.id] = { center: sim.center, agentId };
  }
  return { people, userAgents };
}

/** Replaces each {env: NAME} secret reference by a {file} reference to a file holding the value. */
function secretsToFiles(value: unknown, dir: string, env: Record<string, string>): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
    if (v && typeof v === 'object' && 'env' in v && typeof v.env === 'string') {
      const file = join(dir, v.env);
      writeFileSync(file, env[v.env] ?? '', { mode: 0o600 });
      return { file };
    }
    return v;
  }) as unknown;
}

/**
 * The page of a demo still running from `dir` (its Slack stand-in answers),
 * or undefined when there is none or only a stale configuration left by a
 * demo that was killed.
 */
export async function runningDemoPage(dir: string): Promise<string | undefined> {
  let apiUrl: unknown;
  try {
    apiUrl = (JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { slack?: { apiUrl?: unknown } }).slack?.apiUrl;
  } catch {
    return undefined;
  }
  if (typeof apiUrl !== 'string') return undefined;
  const page = apiUrl.replace(/\/api\/?$/, '/web/');
  try {
    const res = await fetch(page, { signal: AbortSignal.timeout(1000) });
    return res.ok ? page : undefined;
  } catch {
    return undefined;
  }
}

export async function startDemo(o: DemoOptions): Promise<Demo> {
  const sims = await startSimulators({ traffic: o.traffic ?? true });
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = `xoxb-ccops-demo-${randomBytes(8).toString('hex')}`;
  let slack: SlackSim | undefined;
  try {
    slack = await startSlackSim({ port: o.slackPort ?? 0, tokens: [botToken] });
    const interactivity = installInteractivity(slack);
    const { people, userAgents } = demoPeople(sims);
    let requestUrl: string | undefined;
    const page = installWebPage(slack, interactivity, {
      requestUrl: () => requestUrl,
      signingSecret,
      people,
      defaultChannel: DEMO_CHANNEL,
      channels: ['#cc-hotline'],
      burst: {
        centers: sims.list.filter((s) => s.vendor !== 'huawei-aicc').map((s) => s.center),
        run: (center, n) => {
          const r = sims.byCenter(center)?.burst(n);
          return Array.isArray(r) ? r.length : typeof r === 'number' ? r : 0;
        },
      },
    });

    const secrets = join(o.dir, 'secrets');
    mkdirSync(secrets, { recursive: true, mode: 0o700 });
    const centers: Record<string, unknown> = {};
    for (const sim of sims.list) centers[sim.center] = secretsToFiles(sim.demo.profile, secrets, sim.demo.env);
    const slackSection = secretsToFiles(
      {
        mode: 'http',
        signingSecret: { env: 'SLACK_SIGNING_SECRET' },
        botToken: { env: 'SLACK_BOT_TOKEN' },
        apiUrl: slack.apiUrl,
        supervisors: { users: [SUPERVISOR.id] },
        userAgents,
        alertRoutes: [{ center: 'hotline', channel: '#cc-hotline' }],
        defaultChannel: DEMO_CHANNEL,
      },
      secrets,
      { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: botToken },
    );
    const configPath = join(o.dir, 'config.json');
    const file = {
      centers,
      defaultCenter: sims.list[0]!.center,
      slack: slackSection,
      // Short polls so an abandoned call shows within seconds; a short first look back so the start is not one big
      // digest; the overlap catches calls that started minutes ago and ended since the last poll.
      alerts: { intervalSeconds: o.pollSeconds ?? 5, initialLookbackSeconds: 60, overlapSeconds: 300 },
      // A prefix of its own, so a demo never shares queues with another process on the same Redis.
      service: { port: 0, redisPrefix: `{ccops-demo-${randomBytes(4).toString('hex')}}`, shutdownGraceSeconds: 5 },
    };
    writeFileSync(configPath, JSON.stringify(file, null, 2), { mode: 0o600 });
    const config = loadConfigFile(configPath);
    const s = slack;
    return {
      config,
      configPath,
      sims,
      slack: s,
      interactivity,
      page,
      people,
      connect(url) {
        requestUrl = url;
      },
      async close() {
        rmSync(o.dir, { recursive: true, force: true });
        await s.close();
        await sims.close();
      },
    };
  } catch (e) {
    await slack?.close();
    await sims.close();
    rmSync(o.dir, { recursive: true, force: true });
    throw e;
  }
}
