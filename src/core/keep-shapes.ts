/**
 * Why the core keeps a few emptied objects between derivations.
 *
 * V8 gives objects of one kind a hidden class and optimises hot code for those classes. Once
 * no object of a class is left, a garbage collection forgets the class and throws away
 * every piece of optimised code that checks for it (`--trace-deopt` says "embedded weak
 * objects cleared"). A derivation run after a collection, with nothing of the previous one
 * still alive (a server deriving user after user, a page whose model was dropped), then ran
 * entirely in unoptimised code: 100k events took about 30 ms longer. Keeping one object of
 * each kind, emptied of its data, keeps the classes and the code.
 *
 * @packageDocumentation
 */

const kept = new Map<string, object>();

/** Keeps `objects` alive until the next call with the same `key`. */
export function keepShapes(key: string, objects: object): void {
  kept.set(key, objects);
}
