/**
 * An empty array whose storage is already the kind that holds objects. The V8 engine stores a fresh
 * `[]` as an array of small integers and changes that storage when the first object goes in; code it
 * had optimized for the integer storage is then thrown away and compiled again. Each run creates its
 * long-lived arrays afresh, and in the first runs of a process that recompiling showed in the timings.
 * An array that has held an object keeps the storage for objects, hence the one element, popped at once.
 */
export function emptyObjectArray<T>(): T[] {
  const array: unknown[] = [null];
  array.pop();
  return array as T[];
}
