// Seeded randomness for the simulators' traffic generators: the same seed
// gives the same calls, so tests and the demo can rely on what they see.
// Each helper takes the generator it draws from, and draws from it in a fixed
// order, so a generator's output depends only on its seed and its calls.

/** A source of numbers in [0, 1), like Math.random. */
export type Random = () => number;

/** mulberry32: small, fast, good enough for test traffic. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, each as likely. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A whole number from `min` to `max`, rounded (so the two ends are half as likely as the others). */
export function between(random: Random, min: number, max: number): number {
  return Math.round(min + random() * (max - min));
}

/** `n` random lower-case hex digits (ids such as session ids). */
export function hexDigits(random: Random, n: number): string {
  return Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
}

/**
 * One of `items` by weight, the weight being each item's last element. The
 * weights should sum to 1: one draw is compared against their running sum, and
 * the last item takes whatever is left.
 */
export function weighted<T extends readonly [unknown, ...unknown[]]>(random: Random, items: readonly T[]): T {
  let r = random();
  for (const item of items) {
    r -= item[item.length - 1] as number;
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}
