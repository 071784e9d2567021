#!/usr/bin/env node
// ccops: the command line. The same grammar as `/cc` in Slack, plus
// `serve` (what `npm start` runs) and `health`.
import { setTimeout as sleep } from 'node:timers/promises';
import { centerNamed, loadConfigFile, type Config } from '../shared/config.ts';
import { ConfigError, VendorError, asCcopsError } from '../shared/errors.ts';
import { parseCommand, usage, type Command, type HelpTopic } from '../shared/grammar.ts';
import { UndiciTransport } from '../shared/http.ts';
import { createContactCenter } from '../shared/vendors/index.ts';
import { findConfig, NO_CONFIG_HELP } from './config-discovery.ts';
import { probeCenters } from './health.ts';
import { renderHealth, renderProgress, renderValue } from './render.ts';
import { ExitCode, exitCodeFor, runCommand } from './run-command.ts';

const HELP = `ccops: contact-center operations from the terminal (the same commands as /cc in Slack)

Usage: ccops [--config FILE] [--json] <command>

${usage()}

Operator commands:
serve                                                        run the service (npm start); simulators when there is no configuration
health                                                       check that every configured center answers

Exit codes: 0 done, 2 bad command or input, 3 the vendor refused or failed, 4 the vendor could not be reached, 1 unexpected.`;

interface GlobalOptions {
  config?: string;
  json: boolean;
  rest: string[];
}

function globalOptions(argv: string[]): GlobalOptions | { error: string } {
  const rest: string[] = [];
  let config: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--config') {
      config = argv[++i];
      if (!config) return { error: '--config needs a file name' };
    } else if (a.startsWith('--config=')) config = a.slice('--config='.length);
    else rest.push(a);
  }
  return { config, json, rest };
}

/** Quotes words so the grammar sees the terminal's arguments unchanged. */
const quoteArgs = (args: string[]) => args.map((a) => (/[\s"']/.test(a) ? `"${a.replace(/"/g, '')}"` : a)).join(' ');

function loadConfig(explicit: string | undefined): Config {
  const source = findConfig(process.env, explicit);
  if (source.kind === 'none') throw new ConfigError(NO_CONFIG_HELP);
  return loadConfigFile(source.path);
}

async function runOne(command: Command, opts: GlobalOptions): Promise<number> {
  if (command.kind === 'help') {
    console.log(command.topic ? usage(command.topic) : HELP);
    return ExitCode.Ok;
  }
  const config = loadConfig(opts.config);
  const [name, profile] = centerNamed(config, command.center);
  const transport = new UndiciTransport();
  const center = createContactCenter(name, profile, { transport });
  const abort = new AbortController();
  const onSignal = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  const spinner = new Progress(process.stderr.isTTY === true && !opts.json);
  try {
    const result = await runCommand(center, command, {
      now: () => new Date(),
      sleep: (ms) => sleep(ms, undefined, { signal: abort.signal }),
      onProgress: (o) => spinner.show(renderProgress(o)),
      onRetry: (e, ms) => spinner.note(`${asCcopsError(e).message} Retrying in ${(ms / 1000).toFixed(1)} s.`),
      signal: abort.signal,
    });
    spinner.clear();
    if (result.kind === 'error') {
      printError(result.error, opts.json, command);
      return result.exitCode;
    }
    const o = result.outcome;
    if (opts.json) console.log(JSON.stringify(o, null, 2));
    else if (o.status === 'done') console.log(renderValue(o.value));
    else if (o.status === 'failed') {
      console.error(`Failed: ${o.reason}`);
      if (o.value) console.error(renderValue(o.value));
    } else console.log(`Still pending: ${renderProgress(o)}`);
    return result.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    await center.close().catch(() => undefined);
    await transport.close();
  }
}

function printError(error: ReturnType<typeof asCcopsError>, json: boolean, command?: Command): void {
  if (json) {
    console.log(JSON.stringify({ error: error instanceof VendorError ? error.toJSON() : { code: error.code, message: error.message } }, null, 2));
    return;
  }
  const ref = error instanceof VendorError ? ` [${error.vendor} ${error.vendorCode}${error.requestId ? `, request ${error.requestId}` : ''}]` : '';
  console.error(`${error.message}${ref}`);
  if (error.code === 'ccops_invalid_input' && command && command.kind !== 'help') {
    console.error(`\nUsage:\n${usage(command.kind.split('.')[0] as HelpTopic)}`);
  }
}

async function health(opts: GlobalOptions): Promise<number> {
  const results = await probeCenters(loadConfig(opts.config));
  console.log(opts.json ? JSON.stringify(results, null, 2) : renderHealth(results));
  return results.every((r) => r.ok) ? ExitCode.Ok : ExitCode.NetworkError;
}

/** A one-line spinner on a terminal; plain lines otherwise (logs, CI). */
class Progress {
  #frame = 0;
  #last = '';
  #tty: boolean;
  constructor(tty: boolean) {
    this.#tty = tty;
  }
  show(text: string): void {
    if (!text) return;
    if (this.#tty) {
      process.stderr.write(`\r\x1b[2K${'⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'[this.#frame++ % 10]} ${text}`);
    } else if (text !== this.#last) {
      process.stderr.write(`… ${text}\n`);
    }
    this.#last = text;
  }
  note(text: string): void {
    this.clear();
    process.stderr.write(`${text}\n`);
  }
  clear(): void {
    if (this.#tty && this.#last) process.stderr.write('\r\x1b[2K');
    this.#last = '';
  }
}

export async function main(argv: string[]): Promise<number> {
  const opts = globalOptions(argv);
  if ('error' in opts) {
    console.error(`${opts.error}\n\n${HELP}`);
    return ExitCode.UserError;
  }
  try {
    const [first] = opts.rest;
    if (first === 'serve') {
      const { serve } = await import('./serve.ts');
      return await serve({ config: opts.config, args: opts.rest.slice(1) });
    }
    if (first === 'health') return await health(opts);
    if (first === '--help' || first === '-h') {
      console.log(HELP);
      return ExitCode.Ok;
    }
    const parsed = parseCommand(quoteArgs(opts.rest));
    if (!parsed.ok) {
      console.error(`${parsed.error}\n\nUsage:\n${parsed.usage}`);
      return ExitCode.UserError;
    }
    return await runOne(parsed.command, opts);
  } catch (e) {
    const error = asCcopsError(e);
    printError(error, opts.json);
    return exitCodeFor(error);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
