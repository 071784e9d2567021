// Structured JSON logs (pino). Secrets never appear: known secret fields are
// censored by path, Secret objects print [redacted], and every string that
// looks like a phone number is masked (1317511****) before it is written.
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskPhonesIn } from '../shared/mask.ts';

/** Field names that hold secrets wherever they appear (two levels deep; deeper ones by maskDeep). */
const SECRET_FIELDS = [
  'password',
  'secret',
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'accessKeySecret',
  'secretKey',
  'authorization',
  'cookie',
  'apiKey',
];

export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `*.*.${f}`),
  'headers.authorization',
  'req.headers.authorization',
];

const SECRET_NAME = new RegExp(`^(${SECRET_FIELDS.join('|')})$`, 'i');

/**
 * Identifier fields that are never phone numbers but often long digit runs
 * (job ids, request ids, Slack ts, key prefixes): kept readable for tracing.
 */
const ID_FIELDS = new Set(['jobId', 'opJobId', 'requestId', 'batchId', 'alertId', 'callId', 'conferenceId', 'confId', 'ts', 'prefix', 'owner', 'url', 'pid']);

/** Masks phone numbers in every string and censors secret-named fields, at any depth. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhonesIn(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) {
    // Still an Error (pino's err serializer keeps type, message, stack and own fields), masked.
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Error & Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) copy[k] = SECRET_NAME.test(k) ? '[redacted]' : maskDeep(v, depth + 1);
    Object.defineProperty(copy, 'message', { value: maskPhonesIn(value.message), enumerable: false });
    Object.defineProperty(copy, 'stack', { value: maskPhonesIn(value.stack ?? ''), enumerable: false });
    return copy;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // Class instances (Secret, Date…) decide how they print.
    const json = (value as { toJSON?: () => unknown }).toJSON?.();
    return json === undefined ? String(value) : maskDeep(json, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_NAME.test(k) ? '[redacted]' : ID_FIELDS.has(k) && (typeof v === 'string' || typeof v === 'number') ? v : maskDeep(v, depth + 1);
  }
  return out;
}

export interface LoggerSettings {
  /** @defaultValue info, or LOG_LEVEL */
  level?: string;
  /** Extra fields on every line (service, pid is added by pino). */
  base?: Record<string, unknown>;
}

export function createLogger(settings: LoggerSettings = {}, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: 'ccops', pid: process.pid, ...settings.base },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => maskDeep(obj) as Record<string, unknown>,
    },
    hooks: {
      // The message string too: "posting for 13175112345" -> "posting for 1317511****".
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPhonesIn(a) : a)) as typeof args;
        return method.apply(this, masked);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
