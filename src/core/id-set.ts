/**
 * The event ids seen so far, for duplicate detection (spec §2).
 *
 * Why not a `Set<string>`: for 100k fresh ids (one device, a page's first derivation) the
 * Set took nearly half of `deriveSessions` in Chromium. It hashes each new string through
 * the runtime, keeps no hashes in its table, so probes and regrowths read the id strings
 * again, scattered over the heap, and it cannot be sized in advance.
 *
 * Two ways in, by batch: the first large batch into an empty set (a derivation's whole
 * input, a worker's first chunk) is hashed, then its hashes are sorted by radix (reading and
 * writing memory in order) and equal neighbours compared; every other batch goes id by id
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
    const [keys, order] = sortByHash(hashes);
    const found = markRepeats(batch, keys, order, duplicate);
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
 * Marks in `duplicate` the later occurrences of each id of `batch`, whose hashes sorted are
 * `keys` (`order`: their positions, equal hashes in batch order); whether it found any.
 * Equal hashes are neighbours: only their strings are compared (a run is almost always of one).
 */
function markRepeats(batch: readonly string[], keys: Uint32Array, order: Int32Array, duplicate: Uint8Array): boolean {
  const m = keys.length;
  let found = false;
  for (let a = 0; a < m; ) {
    let b = a + 1;
    while (b < m && keys[b] === keys[a]) b++;
    for (let x = a + 1; x < b; x++) {
      const id = batch[order[x]!]!;
      for (let y = a; y < x; y++) {
        if (batch[order[y]!] === id) {
          duplicate[order[x]!] = 1;
          found = true;
          break;
        }
      }
    }
    a = b;
  }
  return found;
}

/**
 * Positions `0 .. n - 1` ordered by `hashes` as unsigned integers, equal ones in position
 * order (a least-significant-digit radix sort, a byte per pass), with the sorted hashes.
 */
function sortByHash(hashes: Int32Array): [Uint32Array, Int32Array] {
  const n = hashes.length;
  let keys: Uint32Array = new Uint32Array(hashes.buffer.slice(hashes.byteOffset, hashes.byteOffset + hashes.byteLength));
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let keysTo: Uint32Array = new Uint32Array(n);
  let orderTo = new Int32Array(n);
  const start = new Int32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    start.fill(0);
    for (let i = 0; i < n; i++) start[(keys[i]! >>> shift) & 255]!++;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = start[b]!;
      start[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const at = start[(key >>> shift) & 255]!++;
      keysTo[at] = key;
      orderTo[at] = order[i]!;
    }
    const k = keys;
    keys = keysTo;
    keysTo = k;
    const o = order;
    order = orderTo;
    orderTo = o;
  }
  return [keys, order];
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
