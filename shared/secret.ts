// Secrets come only from the environment or a file, and once loaded they
// print as [redacted] everywhere (JSON, util.inspect, template strings).
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { z } from 'zod/v4';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

export const SecretRef = z.union(
  [
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  {
    error: (issue) =>
      typeof issue.input === 'string'
        ? 'secrets are not written in the configuration: use {"env": "VAR_NAME"} or {"file": "/path"}'
        : 'expected a secret reference: {"env": "VAR_NAME"} or {"file": "/path/to/file"}',
  },
);
export type SecretRef = { env: string } | { file: string };

export interface SecretSources {
  env: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

/** Reads a secret; the error names the reference, never a value. */
export function resolveSecret(ref: SecretRef, where: string, src: SecretSources): Secret {
  if ('env' in ref) {
    const v = src.env[ref.env];
    if (v === undefined || v === '') throw new Error(`${where}: environment variable ${ref.env} is not set`);
    return new Secret(v);
  }
  try {
    const v = (src.readFile ?? ((p) => readFileSync(p, 'utf8')))(ref.file).trim();
    if (!v) throw new Error('empty');
    return new Secret(v);
  } catch (e) {
    throw new Error(`${where}: cannot read secret file ${ref.file} (${(e as Error).message})`);
  }
}
