// What `util.inspect`, `console.log` and `JSON.stringify` show of an object that holds credentials: only what is named.

/** Replaces the object's inspect and JSON forms by `label { …shown }` and `shown`; the methods are not enumerable. */
export function showOnly<T extends object>(target: T, label: string, shown: Record<string, unknown>): T {
  const fields = Object.entries(shown)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(", ");
  Object.defineProperty(target, Symbol.for("nodejs.util.inspect.custom"), { value: () => `${label} { ${fields} }` });
  Object.defineProperty(target, "toJSON", { value: () => ({ ...shown }) });
  return target;
}
