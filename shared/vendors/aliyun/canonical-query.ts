// The canonical query string both signature versions sign: parameters sorted
// by name (plain code-unit order, as the SDK sorts), each `enc(name)=enc(value)`,
// joined with `&`. An empty value still gives `name=`.
import { percentEncode } from './percent-encode.ts';

export type ParamPairs = ReadonlyArray<readonly [string, string]>;

export function canonicalQuery(params: Record<string, string> | ParamPairs): string {
  const pairs: Array<readonly [string, string]> = Array.isArray(params)
    ? [...(params as ParamPairs)]
    : Object.entries(params as Record<string, string>);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}
