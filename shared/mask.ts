// Phone numbers never reach logs or channels in full: keep the first seven
// digits and hide the rest, as the vendors do in their own consoles
// (13175112345 -> 1317511****). Short numbers keep at most half.

export function maskPhone(value: string | undefined): string {
  if (!value) return '';
  const digits = value.replace(/[^0-9+]/g, '');
  if (digits.length < 5) return value; // extensions and short codes are not personal
  const keep = Math.min(7, Math.floor(digits.length / 2));
  return digits.slice(0, keep) + '*'.repeat(4);
}

/** Masks every phone-looking run of 7+ digits inside free text. */
export function maskPhonesIn(text: string): string {
  return text.replace(/\+?\d{7,}/g, (m) => maskPhone(m));
}
