/**
 * Streaming masking of secret values in a command's output (what `op run` and CI systems do): every occurrence
 * of a value, and of the forms it takes in output (JSON-escaped, with LF or CRLF line ends, URL-encoded, base64 and
 * base64url, alone or inside a longer base64 text: core/redact.ts's `secretForms`), becomes
 * `<concealed by typed-secrets>`, also when it is split across chunks. Occurrences that overlap (two values sharing
 * text, or one form inside another) are masked whole, as one. Matching is on the UTF-8 bytes, with one Aho-Corasick
 * automaton: each byte of output is looked at once, whatever the number of values and forms. Only bytes that could
 * start a value are held back, until the next chunk or the end decides.
 *
 * @example
 * ```ts
 * const masker = createMasker(["s3cr3t-value"]);
 * process.stdout.write(masker.push(chunk));
 * process.stdout.write(masker.end());
 * ```
 */
import { secretForms } from "../core/redact.js";

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

/** The byte strings masked for `values`: each masked value's forms, each once. */
export function maskedForms(values: Iterable<string>): Buffer[] {
  const forms = new Set(maskedValues(values).flatMap(secretForms));
  return [...forms].map((form) => Buffer.from(form, "utf8"));
}

function countAtLeast(value: string, min: number): boolean {
  let count = 0;
  for (const _ of value) if (++count >= min) return true;
  return false;
}

/**
 * The automaton as a table: `next[state * width + classOf[byte]]`; `longest[state]` is the length of the longest
 * form ending there (0: none), `depth[state]` the length of the text it stands for (what may still become a match).
 */
interface Automaton {
  next: Int32Array;
  width: number;
  classOf: Uint8Array;
  longest: Int32Array;
  depth: Int32Array;
  /** The shortest form's length, and how far the start of a match can be moved on by the two bytes that end a window that long. */
  shortest: number;
  shift: Uint8Array;
}

function buildAutomaton(needles: readonly Buffer[]): Automaton {
  // Bytes that occur in no form share class 0: the table is as wide as the forms' alphabet, not 256.
  const classOf = new Uint8Array(256);
  let width = 1;
  for (const needle of needles) for (const byte of needle) if (classOf[byte] === 0) classOf[byte] = width++;
  // The trie, grown in a list of rows, then its failure links breadth first (Aho and Corasick, 1975).
  const rows: Int32Array[] = [new Int32Array(width).fill(-1)];
  const longestOf: number[] = [0];
  const depthOf: number[] = [0];
  for (const needle of needles) {
    let state = 0;
    for (const byte of needle) {
      const row = rows[state]!;
      const cls = classOf[byte]!;
      if (row[cls] === -1) {
        row[cls] = rows.length;
        rows.push(new Int32Array(width).fill(-1));
        longestOf.push(0);
        depthOf.push(depthOf[state]! + 1);
      }
      state = row[cls]!;
    }
    longestOf[state] = Math.max(longestOf[state]!, needle.length);
  }
  const next = new Int32Array(rows.length * width);
  const fail = new Int32Array(rows.length);
  const queue: number[] = [];
  for (let cls = 0; cls < width; cls += 1) {
    const child = rows[0]![cls]!;
    next[cls] = child === -1 ? 0 : child;
    if (child !== -1) queue.push(child);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head]!;
    // A longer form ends wherever a shorter suffix of the text is one too: keep the longest.
    longestOf[state] = Math.max(longestOf[state]!, longestOf[fail[state]!]!);
    for (let cls = 0; cls < width; cls += 1) {
      const child = rows[state]![cls]!;
      const fallback = next[fail[state]! * width + cls]!;
      if (child === -1) next[state * width + cls] = fallback;
      else {
        next[state * width + cls] = child;
        fail[child] = fallback;
        queue.push(child);
      }
    }
  }
  // Wu and Manber's shift table on pairs of bytes (1994): where no form starts, most output is passed over without a
  // step of the automaton. The pair that ends a window as long as the shortest form rules out every start that would
  // put it where no form has it among its first `shortest` bytes.
  const shortest = Math.min(255, ...needles.map((needle) => needle.length));
  const shift = new Uint8Array(1 << 16).fill(shortest - 1);
  for (const needle of needles)
    for (let index = 1; index < shortest; index += 1) {
      const pair = (needle[index - 1]! << 8) | needle[index]!;
      shift[pair] = Math.min(shift[pair]!, shortest - 1 - index);
    }
  return { next, width, classOf, longest: Int32Array.from(longestOf), depth: Int32Array.from(depthOf), shortest, shift };
}

export function createMasker(values: Iterable<string>, mask: string = MASK): Masker {
  const needles = maskedForms(values);
  const replacement = Buffer.from(mask, "utf8");
  if (needles.length === 0) {
    const pass = (chunk: Uint8Array) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return { push: pass, end: () => Buffer.alloc(0) };
  }
  const { next, width, classOf, longest, depth, shortest, shift } = buildAutomaton(needles);
  let state = 0;
  /** Bytes seen so far: the offset of the next byte. */
  let offset = 0;
  /** Bytes before this offset are written out (or under a mask already written); `held` holds those from here on. */
  let written = 0;
  let held: Buffer = Buffer.alloc(0);
  /** The end of the last mask written, while a match may still extend it (`-1`: none). */
  let openEnd = -1;
  /** Matches not yet written: [start, end) pairs, sorted, not overlapping. */
  const pending: number[] = [];

  const match = (end: number, length: number) => {
    let start = end - length;
    while (pending.length > 0 && pending[pending.length - 1]! > start) {
      start = Math.min(start, pending[pending.length - 2]!);
      pending.length -= 2;
    }
    if (pending.length === 0 && openEnd > start) openEnd = Math.max(openEnd, end);
    else pending.push(start, end);
  };

  /** Writes what is decided: bytes no later match can reach (before `settled`), masks whose start is settled. */
  const flush = (data: Buffer, settled: number): Buffer => {
    const parts: Buffer[] = [];
    const base = offset - data.length;
    const plainTo = (to: number) => {
      if (to > written) parts.push(data.subarray(written - base, to - base));
      written = Math.max(written, to);
    };
    // A mask already written, that later matches extended: the bytes under it are dropped.
    if (openEnd > written) written = openEnd;
    let done = 0;
    for (; done < pending.length && pending[done]! <= settled; done += 2) {
      plainTo(pending[done]!);
      parts.push(replacement);
      openEnd = written = pending[done + 1]!;
    }
    pending.splice(0, done);
    if (openEnd !== -1 && openEnd <= settled) openEnd = -1;
    plainTo(Math.min(settled, pending.length > 0 ? pending[0]! : settled));
    held = Buffer.from(data.subarray(written - base));
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  };

  return {
    push(chunk) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const data = held.length > 0 ? Buffer.concat([held, bytes]) : bytes;
      let current = state;
      const length = bytes.length;
      for (let index = 0; index < length; index += 1) {
        // In the start state no match is under way: skip the starts the window's last byte rules out.
        if (current === 0) {
          for (let skip = 1; skip !== 0 && index + shortest <= length; index += skip)
            skip = shift[(bytes[index + shortest - 2]! << 8) | bytes[index + shortest - 1]!]!;
          if (index === length) break;
        }
        current = next[current * width + classOf[bytes[index]!]!]!;
        const found = longest[current]!;
        if (found !== 0) match(offset + index + 1, found);
      }
      state = current;
      offset += length;
      return flush(data, offset - depth[current]!);
    },
    end() {
      const out = flush(held, offset);
      state = 0;
      held = Buffer.alloc(0);
      return out;
    },
  };
}
