// Alibaba Cloud's percent-encoding (both signature versions): RFC 3986 over
// UTF-8, unreserved `A-Z a-z 0-9 - _ . ~` kept, everything else `%XY` in
// upper-case hex; a space is `%20` (never `+`) and `*` is `%2A`.
// encodeURIComponent already leaves exactly the unreserved set plus `!'()*`,
// so only those five need fixing.
const EXTRA = /[!'()*]/g;
/** Most names and values need no encoding at all; skip the work for them. */
const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  return encodeURIComponent(value).replace(EXTRA, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
