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
  const signed: Array<[string, string]> = [];
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (isSignedHeader(lower)) signed.push([lower, headers[name]!.trim()]);
  }
  // By name, then by value, so repeated names come out merged in value order.
  signed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let canonical = '';
  let names = '';
  for (let i = 0; i < signed.length; i++) {
    const [name, value] = signed[i]!;
    if (i > 0 && signed[i - 1]![0] === name) {
      canonical = `${canonical.slice(0, -1)},${value}\n`;
      continue;
    }
    canonical += `${name}:${value}\n`;
    names += names ? `;${name}` : name;
  }
  return { canonical, signedHeaders: names };
}
