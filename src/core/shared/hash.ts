/**
 * Small deterministic hashes and a seeded PRNG for core code (no crypto module, no Math.random).
 * FNV-1a is used for fingerprints and stable ids; it is not a security hash.
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 64-bit-ish hex fingerprint from two independent 32-bit FNV passes. */
export function stableHash(text: string): string {
  const a = fnv1a32(text);
  const b = fnv1a32(`${text.length}:${text}`);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic value in [0, 1) for a key: the same key always gives the same number. */
export function hashUniform(key: string): number {
  return fnv1a32(key) / 4294967296;
}

/** Deterministic standard normal for a key (Box–Muller over two hashed uniforms). */
export function hashNormal(key: string): number {
  const u1 = Math.max(hashUniform(`${key}#1`), 1e-12);
  const u2 = hashUniform(`${key}#2`);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
