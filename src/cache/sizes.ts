// What a cached value weighs, for the byte bound: 2 bytes per character of every string in it (keys included).

export function sizeOf(value: unknown): number {
  if (typeof value === "string") return 2 * value.length;
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return 8;
  if (value && typeof value === "object") {
    let total = 0;
    for (const [key, each] of Object.entries(value)) total += 2 * key.length + sizeOf(each);
    return total;
  }
  return 0;
}
