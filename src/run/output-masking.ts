/**
 * Streaming masking of secret values in a command's output (what `op run` and CI systems do): every occurrence
 * of a value becomes `<concealed by typed-secrets>`, also when it is split across chunks. Matching is on the
 * UTF-8 bytes. Only bytes that could start a value are held back, until the next chunk or the end decides.
 * A masker made by `createMasker(values)` takes each chunk in `push(chunk)` and the held-back tail in `end()`.
 */

/** Values shorter than this are not masked: too likely to occur by chance and garble ordinary output. */
export const MIN_MASKED_LENGTH = 6;
export const MASK = "<concealed by typed-secrets>";

export interface Masker {
  /** The chunk with values masked, less any tail that may be the start of a value (held for the next call). */
  push(chunk: Uint8Array): Buffer;
  /** Whatever is still held, masked: call once at the end of the stream. */
  end(): Buffer;
}

/** Values that will be masked: at least 6 characters (code points), each once, longest first. */
export function maskedValues(values: Iterable<string>): string[] {
  const unique = [...new Set(values)].filter((value) => countAtLeast(value, MIN_MASKED_LENGTH));
  return unique.sort((a, b) => Buffer.byteLength(b) - Buffer.byteLength(a));
}

function countAtLeast(value: string, min: number): boolean {
  let count = 0;
  for (const _ of value) if (++count >= min) return true;
  return false;
}

export function createMasker(values: Iterable<string>, mask: string = MASK): Masker {
  const needles = maskedValues(values).map((value) => Buffer.from(value, "utf8"));
  const replacement = Buffer.from(mask, "utf8");
  let held: Buffer = Buffer.alloc(0);

  /** Masks `buffer`; unless `final`, returns the index from which bytes must be held back. */
  const scan = (buffer: Buffer, final: boolean): { parts: Buffer[]; holdFrom: number } => {
    const parts: Buffer[] = [];
    const next = needles.map(() => -2);
    let position = 0;
    for (;;) {
      let at = -1;
      let length = 0;
      needles.forEach((needle, index) => {
        if (next[index]! !== -1 && next[index]! < position) next[index] = buffer.indexOf(needle, position);
        const found = next[index]!;
        if (found !== -1 && (at === -1 || found < at || (found === at && needle.length > length))) {
          at = found;
          length = needle.length;
        }
      });
      // A longer value may begin where this match does and run past the end: wait for the rest.
      const pendingFrom = final ? -1 : earliestPartial(buffer, position);
      if (pendingFrom !== -1 && (at === -1 || pendingFrom <= at)) {
        parts.push(buffer.subarray(position, pendingFrom));
        return { parts, holdFrom: pendingFrom };
      }
      if (at === -1) break;
      parts.push(buffer.subarray(position, at), replacement);
      position = at + length;
    }
    parts.push(buffer.subarray(position));
    return { parts, holdFrom: buffer.length };
  };

  /** The earliest index ≥ `from` where the rest of `buffer` is a proper prefix of some value, or -1. */
  const earliestPartial = (buffer: Buffer, from: number): number => {
    let earliest = -1;
    for (const needle of needles) {
      const start = Math.max(from, buffer.length - needle.length + 1);
      for (let at = buffer.indexOf(needle[0]!, start); at !== -1; at = buffer.indexOf(needle[0]!, at + 1)) {
        if (earliest !== -1 && at >= earliest) break;
        if (buffer.compare(needle, 0, buffer.length - at, at) === 0) {
          earliest = at;
          break;
        }
      }
    }
    return earliest;
  };

  return {
    push(chunk) {
      if (needles.length === 0) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const buffer = held.length ? Buffer.concat([held, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const { parts, holdFrom } = scan(buffer, false);
      // Copied: the caller may reuse the chunk's memory.
      held = Buffer.from(buffer.subarray(holdFrom));
      return Buffer.concat(parts);
    },
    end() {
      const { parts } = scan(held, true);
      held = Buffer.alloc(0);
      return Buffer.concat(parts);
    },
  };
}
