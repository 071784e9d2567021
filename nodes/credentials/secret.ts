// The core's signers take secrets as `Secret` (prints [redacted]); inside a
// credential the value comes from n8n, so wrap it the same way.
import type { Secret } from '../core/index.ts';

export function secret(value: unknown): Secret {
  const text = String(value ?? '');
  // Structurally what the signers use of Secret (reveal); the class itself lives with file loading the nodes do not ship.
  return { reveal: () => text, toString: () => '[redacted]', toJSON: () => '[redacted]' } as unknown as Secret;
}
