/** `yyyy-MM-ddTHH:mm:ssZ` in UTC: V3's x-acs-date and v2's Timestamp (no milliseconds). */
export function acsTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
