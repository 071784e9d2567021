// Configuration: named contact centers (profiles), each with its vendor,
// endpoint, instance and credentials. Read from a JSON file; secrets only by
// reference ({"env": …} or {"file": …}). Errors name the field and say what
// is expected.
import { readFileSync } from 'node:fs';
import { z } from 'zod/v4';
import { ConfigError } from './errors.ts';
import { resolveSecret, Secret, type SecretRef, type SecretSources } from './secret.ts';
import { centerProfileSchema } from './vendors/profiles.ts';
import { SlackSection, unknownCentersIn } from './slack-config.ts';
import { AlertsSection, ServiceSection } from './service-config.ts';

export const CENTER_NAME = /^[a-z][a-z0-9-]{0,31}$/;

export const ConfigFile = z.strictObject({
  centers: z
    .record(z.string().regex(CENTER_NAME), centerProfileSchema, {
      error: (issue) =>
        issue.code === 'invalid_key' ? 'center names are lower-case letters, digits and dashes, e.g. "shanghai"' : undefined,
    })
    .refine((c) => Object.keys(c).length > 0, 'configure at least one contact center'),
  /** Used when a command names no center. @defaultValue the first center */
  defaultCenter: z.string().optional(),
  /** The Slack bot and alert routing (shared/slack-config.ts); no bot when absent. */
  slack: SlackSection.optional(),
  /** Abandoned-call polling (shared/service-config.ts); defaults when absent. */
  alerts: AlertsSection.optional(),
  /** The queue service: HTTP port, Redis prefix, retries (shared/service-config.ts); defaults when absent. */
  service: ServiceSection.optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

/** A value with every secret reference replaced by the loaded secret. */
export type Resolved<T> = T extends SecretRef
  ? Secret
  : T extends readonly (infer U)[]
    ? Resolved<U>[]
    : T extends object
      ? { [K in keyof T]: Resolved<T[K]> }
      : T;

export type CenterProfile = Resolved<z.infer<typeof centerProfileSchema>>;

export interface Config {
  centers: Record<string, CenterProfile>;
  defaultCenter: string;
  slack?: SlackSettings;
  /** Always set by parseConfig (defaults filled in); optional for configurations built in code. */
  alerts?: AlertsSection;
  service?: ServiceSettings;
}

export type ServiceSettings = Resolved<ServiceSection>;

export type SlackSettings = Resolved<SlackSection>;

function isSecretRef(v: unknown): v is SecretRef {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'env' || keys[0] === 'file');
}

function resolveAll(value: unknown, path: string, src: SecretSources): unknown {
  if (isSecretRef(value)) return resolveSecret(value, path, src);
  if (Array.isArray(value)) return value.map((v, i) => resolveAll(v, `${path}[${i}]`, src));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveAll(v, `${path}.${k}`, src)]));
  }
  return value;
}

/** One line per problem: `centers.shanghai.endpoint: expected a URL like https://…`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `  - ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
    .join('\n');
}

export function parseConfig(input: unknown, src: SecretSources = { env: process.env }): Config {
  const parsed = ConfigFile.safeParse(input);
  if (!parsed.success) throw new ConfigError(`The configuration is not valid:\n${formatIssues(parsed.error)}`);
  const names = Object.keys(parsed.data.centers);
  const defaultCenter = parsed.data.defaultCenter ?? names[0]!;
  if (!names.includes(defaultCenter)) {
    throw new ConfigError(
      `The configuration is not valid:\n  - defaultCenter: "${defaultCenter}" is not one of the centers (${names.join(', ')})`,
    );
  }
  const centers: Record<string, CenterProfile> = {};
  for (const [name, profile] of Object.entries(parsed.data.centers)) {
    try {
      centers[name] = resolveAll(profile, `centers.${name}`, src) as CenterProfile;
    } catch (e) {
      throw new ConfigError(`The configuration is not valid:\n  - ${(e as Error).message}`);
    }
  }
  const alerts = AlertsSection.parse(parsed.data.alerts ?? {});
  for (const name of alerts.centers ?? []) {
    if (!names.includes(name)) throw new ConfigError(`The configuration is not valid:\n  - alerts.centers: "${name}" is not one of the centers (${names.join(', ')})`);
  }
  let service: ServiceSettings;
  try {
    service = resolveAll(ServiceSection.parse(parsed.data.service ?? {}), 'service', src) as ServiceSettings;
  } catch (e) {
    throw new ConfigError(`The configuration is not valid:\n  - ${(e as Error).message}`);
  }
  if (!parsed.data.slack) return { centers, defaultCenter, alerts, service };
  const bad = unknownCentersIn(parsed.data.slack, names);
  if (bad.length) throw new ConfigError(`The configuration is not valid:\n${bad.map((b) => `  - ${b}`).join('\n')}`);
  let slack: SlackSettings;
  try {
    slack = resolveAll(parsed.data.slack, 'slack', src) as SlackSettings;
  } catch (e) {
    throw new ConfigError(`The configuration is not valid:\n  - ${(e as Error).message}`);
  }
  return { centers, defaultCenter, slack, alerts, service };
}

export function loadConfigFile(path: string, src: SecretSources = { env: process.env }): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read the configuration file ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`The configuration file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(json, src);
}

export function centerNamed(config: Config, name: string | undefined): [string, CenterProfile] {
  const key = name ?? config.defaultCenter;
  const profile = config.centers[key];
  if (!profile) {
    throw new ConfigError(`No contact center named "${key}". Configured: ${Object.keys(config.centers).join(', ')}.`);
  }
  return [key, profile];
}
