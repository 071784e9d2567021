// V3 signs the headers named host, content-type and x-acs-*: lower-case
// names, trimmed values, sorted by name. Repeated names (different case in a
// plain object) are merged, values sorted and comma-joined, as the SDK does.

export interface CanonicalHeaders {
  /** `name:value\n` per header; ends with a newline. */
  canonical: string;
  /** `host;x-acs-action;…` */
  signedHeaders: string;
}

export function isSignedHeader(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');
}

export function canonicalHeaders(headers: Record<string, string>): CanonicalHeaders {
  const merged = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!isSignedHeader(lower)) continue;
    const list = merged.get(lower);
    if (list) list.push(value.trim());
    else merged.set(lower, [value.trim()]);
  }
  const names = [...merged.keys()].sort();
  let canonical = '';
  for (const name of names) canonical += `${name}:${merged.get(name)!.sort().join(',')}\n`;
  return { canonical, signedHeaders: names.join(';') };
}
