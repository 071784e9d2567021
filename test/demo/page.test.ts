// The local Slack page in a real browser (Debian's chromium through
// playwright-core), against the whole demo: simulators, Slack stand-in, the
// service's workers and schedulers, and the bot. Whatever the page does
// reaches the bot as signed Slack requests; nothing in bot/ knows the page.
// Each test saves a screenshot under test-output/; CCOPS_SCREENSHOT=<file>
// (npm run screenshot) also saves the README's picture there.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, OUTPUT, startWorld, type World } from './world.ts';

const SUPERVISOR = 'U0DEMOSUP1';
const WAIT = 30_000;

if (!hasChromium) {
  console.warn('test/demo/page.test.ts: SKIPPED: /usr/bin/chromium is missing (apt-get install chromium; .ci/run installs it).');
}

describe.skipIf(!hasChromium)('the local Slack page, driven in chromium', () => {
  let world: World;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    world = await startWorld({ traffic: false });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${world.demo.page.url}?user=${SUPERVISOR}`);
    await page.locator('#app-status', { hasText: 'connected' }).waitFor({ timeout: WAIT });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(OUTPUT, `demo-${name}.png`) });
  const message = (text: string | RegExp, ephemeral = false): Locator =>
    page.locator(ephemeral ? '#messages > .msg.ephemeral' : '#messages > .msg:not(.ephemeral)', { hasText: text });

  it('/cc agent agent@ccc-test break lunch: the ephemeral "working" reply is replaced in place by the result', async () => {
    await page.locator('#who').selectOption(SUPERVISOR);
    await page.locator('#command').fill('/cc agent agent@ccc-test break lunch');
    await page.locator('#command').press('Enter');

    const reply = message('agent@ccc-test', true).filter({ hasText: 'is now' });
    await reply.waitFor({ timeout: WAIT });
    expect(await reply.innerText()).toMatch(/agent@ccc-test at shanghai is now ☕ on break/);
    expect(await reply.innerText()).toContain('Only visible to you');
    expect(await reply.innerText()).toContain('(edited)');

    // One ephemeral message, first the ack's "working on it", then replaced through the response_url.
    const ts = await reply.getAttribute('data-ts');
    const shown = world.demo.slack.workspace.ephemeral({ user: SUPERVISOR }).filter((e) => e.ts === ts);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.edits?.[0]?.text).toMatch(/^Working on it: /);
    expect(await page.locator(`#messages > .msg[data-ts="${ts}"]`).count()).toBe(1);
    await shot('command-replaced');
  });

  let alert: Locator;

  it('an abandoned call appears in #cc-alerts as an alert with buttons', async () => {
    const [call] = world.demo.sims.byCenter('shanghai')!.burst(1) as { ContactId: string }[];
    alert = message(call!.ContactId);
    await alert.waitFor({ timeout: WAIT });
    const text = await alert.innerText();
    expect(text).toMatch(/Abandoned call from \d{7}\*{4}/);
    expect(text).toContain('shanghai');
    expect(await alert.getByRole('button', { name: 'Acknowledge' }).count()).toBe(1);
    await shot('alert');
  });

  it('Acknowledge updates the alert in place with the clicker\'s name, and says so in its thread', async () => {
    const ts = await alert.getAttribute('data-ts');
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    const acked = page.locator(`#messages > .msg[data-ts="${ts}"]`, { hasText: 'Acknowledged by @Mei Chen' });
    await acked.waitFor({ timeout: WAIT });
    expect(await acked.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await acked.locator('.thread summary').waitFor({ timeout: WAIT });
    await acked.locator('.thread summary').click();
    await acked.locator('.thread', { hasText: '@Mei Chen acknowledged this.' }).waitFor({ timeout: WAIT });
    // The stand-in saw a chat.update of the same message, not a new post.
    const msg = world.demo.slack.workspace.find(world.demo.slack.workspace.resolve('#cc-alerts')!.id, ts!);
    expect(msg?.edits.length).toBeGreaterThan(0);
    await shot('acknowledged');
  });

  it('Call back rings the clicking supervisor\'s agent and the caller; the alert follows the conference', async () => {
    const ts = await alert.getAttribute('data-ts');
    const current = page.locator(`#messages > .msg[data-ts="${ts}"]`);
    await current.getByRole('button', { name: 'Call back' }).click();
    await page.locator(`#messages > .msg[data-ts="${ts}"]`, { hasText: /Call(ing|ed) back by @Mei Chen/ }).waitFor({ timeout: WAIT });
    await shot('call-back');
  });

  it('the burst control abandons many calls at once and the channel gets a digest, not a flood', async () => {
    const channel = world.demo.slack.workspace.resolve('#cc-alerts')!.id;
    const before = world.demo.slack.workspace.messages(channel).filter((m) => !m.threadTs).length;
    await page.locator('#burst-center').selectOption('guangzhou');
    await page.locator('#burst-n').fill('25');
    await page.locator('#burst').click();
    await page.locator('#status', { hasText: '25 calls abandoned at guangzhou' }).waitFor({ timeout: WAIT });

    const digest = message(/\d+ abandoned calls in a burst/);
    await digest.first().waitFor({ timeout: WAIT });
    expect(await digest.first().innerText()).toContain('guangzhou');
    const posted = world.demo.slack.workspace.messages(channel).filter((m) => !m.threadTs).length - before;
    expect(posted).toBeLessThanOrEqual(10);
    await shot('digest');

    // The README's picture: tall enough to hold the /cc reply, the acknowledged alert and the digest.
    await page.setViewportSize({ width: 1280, height: 1240 });
    await page.locator('#messages').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await shot('readme');
    await page.setViewportSize({ width: 1280, height: 860 });
    if (process.env.CCOPS_SCREENSHOT) copyFileSync(join(OUTPUT, 'demo-readme.png'), process.env.CCOPS_SCREENSHOT);
  });

  it('"429 the next 3 posts here" makes the stand-in refuse posts with Retry-After; alerts still arrive', async () => {
    await page.locator('#throttle').click();
    const [call] = world.demo.sims.byCenter('shanghai')!.burst(1) as { ContactId: string }[];
    await message(call!.ContactId).waitFor({ timeout: WAIT });
    expect(world.demo.slack.rateLimitedCount('#cc-alerts')).toBeGreaterThanOrEqual(3);
    await page.locator('#rate-limited', { hasText: '429s served in this channel' }).waitFor({ timeout: WAIT });
    await shot('after-429');
  });

  it('the Home tab: opening it sends app_home_opened and shows the view the bot published', async () => {
    await page.locator('#apps li', { hasText: 'Home' }).click();
    const home = page.locator('#messages .home', { hasText: 'Contact centers' });
    await home.waitFor({ timeout: WAIT });
    expect(await home.innerText()).toMatch(/You are agent zhao\.lei@ccc-test at shanghai/);
    expect(await home.innerText()).toMatch(/shanghai · aliyun-ccc — \d+ abandoned-call alerts? in the last hour/);
    expect(world.demo.interactivity.homeViews(SUPERVISOR).length).toBeGreaterThan(0);
    await shot('home');
    await page.locator('#channels li', { hasText: 'cc-alerts' }).click();
  });

  it('shows every text as text: markup in messages is escaped, mrkdwn mentions and formatting are rendered', async () => {
    const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    const res = await fetch(`${world.demo.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.demo.config.slack!.botToken.reveal()}` },
      body: JSON.stringify({
        channel: '#cc-escape-test',
        text: hostile,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*bold* from <@${SUPERVISOR}> &lt;b&gt;not bold&lt;/b&gt; ${hostile}` } },
          { type: 'context', elements: [{ type: 'plain_text', text: hostile }] },
          { type: 'actions', elements: [{ type: 'button', action_id: 'x', text: { type: 'plain_text', text: '<i>label</i>' } }] },
        ],
      }),
    });
    expect(await res.json()).toMatchObject({ ok: true });
    await page.locator('#channels li', { hasText: 'cc-escape-test' }).click();
    const msg = message('not bold');
    await msg.waitFor({ timeout: WAIT });
    expect(await msg.locator('b').first().innerText()).toBe('bold');
    expect(await msg.locator('.mention').first().innerText()).toBe('@Mei Chen');
    expect(await msg.innerText()).toContain('<b>not bold</b>');
    expect(await msg.innerText()).toContain('<script>window.__pwned = 1</script>');
    expect(await msg.getByRole('button', { name: '<i>label</i>' }).count()).toBe(1);
    expect(await msg.locator('script, img, i').count()).toBe(0);
    // Runs in the page, where globalThis is the window.
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await shot('escaping');
    await page.locator('#channels li', { hasText: 'cc-alerts' }).click();
  });
});
