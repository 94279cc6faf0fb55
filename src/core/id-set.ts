/**
 * The event ids seen so far, for duplicate detection (spec §2).
 *
 * Why not a `Set<string>`: for 100k fresh ids (one device, a page's first derivation) the
 * Set took nearly half of `deriveSessions` in Chromium. It hashes each new string through
 * the runtime, keeps no hashes in its table, so probes and regrowths read the id strings
 * again, scattered over the heap, and it cannot be sized in advance. This table keeps each
 * id's hash next to its position in one typed array (off the GC heap): a probe reads a
 * string only when the full hashes match, growing never reads one, and `reserve` sizes it
 * once per batch. The price: re-deriving the very same string objects, whose hash V8 has
 * cached by then, is a little slower than with a Set.
 */
export class IdSet {
  /** The ids, in the order they were added. */
  private readonly ids: string[] = [];
  /**
   * Open addressing, linear probing: slot `j` is `[hash, position in ids]`; hash 0 marks a
   * free slot. An id's first slot comes from its hash's bits above bit 0 (always 1).
   */
  private table = new Int32Array(2 * 1024);
  private mask = 1023;

  /** @param seed of the hash: random by default, so that no fixed list of ids can make every probe collide. */
  constructor(private readonly seed = (Math.random() * 0x7fffffff) | 0) {}

  get size(): number {
    return this.ids.length;
  }

  /** Makes room for `count` more ids, so that adding them never regrows the table. */
  reserve(count: number): void {
    let slots = this.mask + 1;
    while (!fits(this.ids.length + count, slots)) slots *= 2;
    if (slots !== this.mask + 1) this.rehash(slots);
  }

  /** Adds `id`; false when it was already in the set. */
  add(id: string): boolean {
    const hash = hashId(id, this.seed);
    const table = this.table;
    const mask = this.mask;
    for (let j = (hash >>> 1) & mask; ; j = (j + 1) & mask) {
      const h = table[2 * j]!;
      if (h === 0) {
        table[2 * j] = hash;
        table[2 * j + 1] = this.ids.length;
        break;
      }
      if (h === hash && this.ids[table[2 * j + 1]!] === id) return false;
    }
    this.ids.push(id);
    if (!fits(this.ids.length, mask + 1)) this.rehash(2 * (mask + 1));
    return true;
  }

  private rehash(slots: number): void {
    const old = this.table;
    const mask = slots - 1;
    const table = new Int32Array(2 * slots);
    for (let k = 0; k < old.length; k += 2) {
      const hash = old[k]!;
      if (hash === 0) continue;
      let j = (hash >>> 1) & mask;
      while (table[2 * j] !== 0) j = (j + 1) & mask;
      table[2 * j] = hash;
      table[2 * j + 1] = old[k + 1]!;
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * FNV-1a over UTF-16 code units, seeded, then MurmurHash3's finaliser so that every bit
 * depends on every unit (FNV's low bits alone cluster); `| 1` keeps it off 0, the free-slot
 * mark, so slots are chosen by the bits above bit 0.
 */
export function hashId(id: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 1;
}

/** At most three quarters full: probe runs stay short, and the table stays small. */
const fits = (count: number, slots: number) => 4 * count <= 3 * slots;
