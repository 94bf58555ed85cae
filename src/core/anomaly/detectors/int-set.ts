/**
 * A set of non-negative 31-bit integers in one typed array (open addressing, linear probing,
 * Fibonacci hashing). The ensemble asks "seen this context?" several times per row; a `Set` of
 * numbers spends most of that time chasing its entry objects, this one reads one cache line.
 */
export class IntSet {
  /** key + 1 per slot, 0 = empty. */
  private slots: Int32Array;
  private shift: number;
  size = 0;

  constructor(expected = 64) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  has(key: number): boolean {
    return this.slots[this.slotOf(key)] !== 0;
  }

  /** Adds the key; returns false when it was already there. */
  add(key: number): boolean {
    if (!Number.isInteger(key) || key < 0 || key > 0x7ffffffe) throw new RangeError(`IntSet keys are integers in [0, 2^31 − 2], got ${key}`);
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    return this.insert(key);
  }

  private insert(key: number): boolean {
    const i = this.slotOf(key);
    if (this.slots[i] !== 0) return false;
    this.slots[i] = key + 1;
    this.size++;
    return true;
  }

  /** The slot holding the key, or the empty slot where it would go (linear probing). */
  private slotOf(key: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const want = key + 1;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (let v = slots[i]!; v !== 0 && v !== want; v = slots[i]!) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.shift--;
    this.size = 0;
    for (const v of old) if (v !== 0) this.insert(v - 1);
  }
}
