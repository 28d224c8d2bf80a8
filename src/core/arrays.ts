// Appending one array to another without `push(...items)`: a spread passes every item as an
// argument on the stack, and a fingerprint with a few hundred thousand packages overflows it
// (RangeError: Maximum call stack size exceeded). compare must hold 1M packages per side.

/** Appends `items` to `target` one by one; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
