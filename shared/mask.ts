// Phone numbers never reach logs or channels in full: keep the first seven
// digits and hide the rest, as the vendors do in their own consoles
// (13175112345 -> 1317511****): at most seven digits shown, at least four
// hidden. Numbers under five digits are extensions, not personal.

export function maskPhone(value: string | undefined): string {
  if (!value) return '';
  // Already masked (e.g. a participant read back from a pending-result token): masking again would hide more.
  if (/^\+?\d*\*+$/.test(value)) return value;
  const digits = value.replace(/[^0-9+]/g, '');
  if (digits.length < 5) return value;
  const keep = Math.min(7, digits.length - 4);
  return digits.slice(0, keep) + '*'.repeat(4);
}

/** Masks every phone-looking run of 7+ digits inside free text. */
export function maskPhonesIn(text: string): string {
  return text.replace(/\+?\d{7,}/g, (m) => maskPhone(m));
}
