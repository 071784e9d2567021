// Small parsers for node parameters, shared by the operations.

/** "1001, 1002\n1003" -> ["1001", "1002", "1003"]. */
export function splitList(text: string | string[] | undefined): string[] {
  const parts = Array.isArray(text) ? text : String(text ?? '').split(/[,;\n]/);
  return parts.map((p) => String(p).trim()).filter((p) => p.length > 0);
}

/** n8n date-time parameters come as ISO strings, with or without an offset. */
export function isoOrUndefined(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? String(value) : new Date(ms).toISOString();
}
