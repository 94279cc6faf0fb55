/**
 * The event ids seen so far, for duplicate detection (spec §2).
 *
 * Why not a `Set<string>`: for 100k fresh ids (one device, a page's first derivation) the
 * Set took nearly half of `deriveSessions` in Chromium. It hashes each new string through
 * the runtime, keeps no hashes in its table, so probes and regrowths read the id strings
 * again, scattered over the heap, and it cannot be sized in advance.
 *
 * Two ways in, by batch: the first large batch into an empty set (a derivation's whole
 * input, a worker's first chunk) is hashed, then only the ids whose hash is not unique
 * in the batch (found by sorting the hashes) are compared; every other batch goes id by id
 * through an open-addressing table that keeps each id's hash next to its position (off the
 * GC heap, so a probe reads a string only when the full hashes match). At 100k fresh ids in
 * Chromium the sorting way takes about 14 ms, the table 30 or more: a probe is a cache miss.
 * The table is built from the ids added so far when a later batch needs it.
 */
export class IdSet {
  /** The ids, in the order they were added, and their hashes. */
  private ids: string[] = [];
  private hashes: Int32Array = new Int32Array(256);
  /**
   * Open addressing, linear probing, over the first `indexed` ids: slot `j` is
   * `[hash, position in ids]`; hash 0 marks a free slot.
   */
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private indexed = 0;

  /** @param seed of the hash: random by default, so that no fixed list of ids can make every probe collide. */
  constructor(private readonly seed = (Math.random() * 0x7fffffff) | 0) {}

  get size(): number {
    return this.ids.length;
  }

  /** Makes room in the table for `count` more ids, so that adding them never regrows it. */
  reserve(count: number): void {
    let slots = this.mask + 1;
    while (!fits(this.ids.length + count, slots)) slots *= 2;
    if (slots !== this.mask + 1) this.rehash(slots);
  }

  /** Adds `id`; false when it was already in the set. */
  add(id: string): boolean {
    this.index();
    return this.insert(id, hashId(id, this.seed));
  }

  /**
   * Adds a batch: `duplicate[i]` is 1 where `batch[i]` was in the set already, or is a later
   * occurrence of an id earlier in the batch (the first occurrence is the one added).
   */
  addAll(batch: readonly string[]): Uint8Array {
    const m = batch.length;
    const duplicate = new Uint8Array(m);
    if (this.ids.length > 0 || m < 64) {
      this.reserve(m);
      this.index();
      for (let i = 0; i < m; i++) if (!this.insert(batch[i]!, hashId(batch[i]!, this.seed))) duplicate[i] = 1;
      return duplicate;
    }
    const hashes = hashAll(batch, this.seed);
    const found = markRepeats(batch, hashes, duplicate);
    if (!found) {
      // No duplicate (the usual case): the batch and its hashes become the set as they are.
      this.ids = batch.slice();
      this.hashes = hashes;
    } else {
      for (let i = 0; i < m; i++) if (!duplicate[i]) this.append(batch[i]!, hashes[i]!);
    }
    return duplicate;
  }

  private append(id: string, hash: number): void {
    const n = this.ids.length;
    if (n === this.hashes.length) {
      const grown = new Int32Array(2 * n);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[n] = hash;
    this.ids.push(id);
  }

  /** Puts the ids added since the last call in the table. */
  private index(): void {
    const n = this.ids.length;
    if (this.indexed === n) return;
    this.reserve(0);
    const table = this.table;
    const mask = this.mask;
    for (let k = this.indexed; k < n; k++) {
      const hash = this.hashes[k]!;
      let j = (hash >>> 1) & mask;
      while (table[2 * j] !== 0) j = (j + 1) & mask;
      table[2 * j] = hash;
      table[2 * j + 1] = k;
    }
    this.indexed = n;
  }

  /** Adds `id` (its hash `hash`) through the table, which holds every id so far; false when it was there. */
  private insert(id: string, hash: number): boolean {
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
    this.append(id, hash);
    this.indexed = this.ids.length;
    if (!fits(this.ids.length, mask + 1)) this.rehash(2 * (mask + 1));
    return true;
  }

  /** A table of `slots` slots holding the first `indexed` ids. */
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

function hashAll(ids: readonly string[], seed: number): Int32Array {
  const hashes = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) hashes[i] = hashId(ids[i]!, seed);
  return hashes;
}

/**
 * The hashes that occur more than once in `hashes`, if any: equal neighbours once sorted. The
 * sort is the typed array's own, with no comparator: the engine's native code, as fast on a
 * page's first derivation as on its tenth (a radix sort written here ran several times
 * slower until the JIT had compiled each of its loops).
 */
function repeatedHashes(hashes: Int32Array): Set<number> | undefined {
  const sorted = hashes.slice().sort();
  let repeated: Set<number> | undefined;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) (repeated ??= new Set()).add(sorted[i]!);
  return repeated;
}

/** A bit per value of a hash's low 16 bits, set for those of `hashes`: most hashes are ruled out by one typed-array read. */
function lowBits(hashes: Iterable<number>): Uint8Array {
  const bits = new Uint8Array(8192);
  for (const h of hashes) bits[(h & 0xffff) >>> 3]! |= 1 << (h & 7);
  return bits;
}

/**
 * Marks in `duplicate` the later occurrences of each id of `batch` (its ids' hashes
 * `hashes`); whether it found any. Only the ids whose hash is not unique in the batch are
 * compared, with the earlier ids of the same hash: usually none at all.
 */
function markRepeats(batch: readonly string[], hashes: Int32Array, duplicate: Uint8Array): boolean {
  const repeated = repeatedHashes(hashes);
  if (!repeated) return false;
  const maybe = lowBits(repeated);
  /** The different ids met so far with each repeated hash. */
  const met = new Map<number, string[]>();
  let found = false;
  for (let i = 0; i < batch.length; i++) {
    const hash = hashes[i]!;
    if ((maybe[(hash & 0xffff) >>> 3]! & (1 << (hash & 7))) === 0 || !repeated.has(hash)) continue;
    const id = batch[i]!;
    const ids = met.get(hash);
    if (!ids) met.set(hash, [id]);
    else if (ids.includes(id)) {
      duplicate[i] = 1;
      found = true;
    } else ids.push(id);
  }
  return found;
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
