// Bolt's Logger contract, on top of the service's pino logger.
import { LogLevel, type Logger as BoltLogger } from '@slack/logger';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

export function boltLogger(base: Logger): BoltLogger {
  let log = base.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  // Bolt passes loose arguments (strings, errors, objects); pino wants one message.
  const line = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => log.debug(line(msg)),
    info: (...msg: unknown[]) => log.info(line(msg)),
    warn: (...msg: unknown[]) => log.warn(line(msg)),
    error: (...msg: unknown[]) => log.error(line(msg)),
    setLevel(l: LogLevel) {
      level = l;
      log.level = PINO_LEVEL[l];
    },
    getLevel: () => level,
    setName(name: string) {
      log = base.child({ component: name });
    },
  };
}
