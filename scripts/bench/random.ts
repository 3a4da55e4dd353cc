// Seeded randomness for the benchmarks: the same data on every run, so runs compare.

/** A small seeded generator (mulberry32): benchmarks generate the same data on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number from lo (included) to hi (excluded), or lo when the range is empty. */
export function betweenOf(rnd: () => number): (lo: number, hi: number) => number {
  return (lo, hi) => lo + Math.floor(rnd() * Math.max(1, hi - lo));
}

/** Picks 0..n-1 with weight 1/(rank+1)^s: a few popular claims and busy people, a long tail. */
export function zipf(n: number, s: number, rnd: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    total += 1 / (i + 1) ** s;
    cumulative[i] = total;
  }
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? total) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** 0..n-1 in a shuffled order (Fisher–Yates). */
export function shuffledIndexes(n: number, rnd: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}
