// Parameter values as callers give them, flattened to the strings RPC
// actions take. Lists go one of two ways, depending on the vendor:
//   'json'        CCC filters: `ContactDispositionList=["Success","NoAnswer"]`
//   'repeat-list' AICCS and the V3 doc: `Key.1=a&Key.2=b`
import { percentEncode } from './percent-encode.ts';

export type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Params = Record<string, ParamValue>;
export type ArrayStyle = 'json' | 'repeat-list';

/** Absent values (undefined / null) are left out; an empty list is left out in repeat-list style. */
export function flattenParams(params: Params | undefined, style: ArrayStyle): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!params) return out;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (style === 'json') out.push([key, JSON.stringify(value)]);
      else value.forEach((v, i) => out.push([`${key}.${i + 1}`, String(v)]));
    } else out.push([key, String(value)]);
  }
  return out;
}

/** `k=v&…` with Alibaba's percent-encoding: a query string or a form body. */
export function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}
