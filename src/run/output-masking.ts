/**
 * Streaming masking of secret values in a command's output (what `op run` and CI systems do): every occurrence
 * of a value, and of the forms it takes in output (JSON-escaped, with LF or CRLF line ends, URL-encoded, base64 and
 * base64url, alone or inside a longer base64 text: core/redact.ts's `secretForms`), becomes
 * `<concealed by typed-secrets>`, also when it is split across chunks. Occurrences that overlap (two values sharing
 * text, or one form inside another) are masked whole, as one. Matching is on the UTF-8 bytes, with one Aho-Corasick
 * automaton: each byte of output is looked at once, whatever the number of values and forms. Only bytes that could
 * start a value are held back, until the next chunk or the end decides.
 * A masker made by `createMasker(values)` takes each chunk in `push(chunk)` and the held-back tail in `end()`.
 */
import { secretForms } from "../core/redact.js";

/** Values shorter than this are not masked: too likely to occur by chance and garble ordinary output. */
export const MIN_MASKED_LENGTH = 6;
export const MASK = "<concealed by typed-secrets>";

export interface Masker {
  /**
   * The chunk with values masked, less any tail that may be the start of a value (held for the next call): the
   * pieces to write, in order (slices of the chunk, and masks).
   */
  push(chunk: Uint8Array): Buffer[];
  /** Whatever is still held, masked: call once at the end of the stream. */
  end(): Buffer[];
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

/** States this shallow get a full row of the table; deeper ones (almost always one child each) keep their edges only. */
const DENSE_DEPTH = 4;

/**
 * The automaton: from a state of depth under 4, `dense[denseRow[state] * width + classOf[byte]]` is the next state;
 * deeper states keep their trie edges (`firstEdge`, `edgeClass`, `edgeTarget`, `edgeNext`) and fall back along `fail`.
 * Memory is linear in the forms' total length, not that times the alphabet. `longest[state]` is the length of the
 * longest form ending there (0: none), `depth[state]` the length of the text it stands for (what may become a match).
 */
interface Automaton {
  classOf: Uint8Array;
  width: number;
  denseRow: Int32Array;
  dense: Int32Array;
  firstEdge: Int32Array;
  edgeClass: Int32Array;
  edgeTarget: Int32Array;
  edgeNext: Int32Array;
  fail: Int32Array;
  longest: Int32Array;
  depth: Int32Array;
  /** The shortest form's length, and how far the start of a match can be moved on by the two bytes that end a window that long. */
  shortest: number;
  shift: Uint8Array;
}

/** The state after `state` reads a byte of class `cls` (amortised constant: each step down `fail` undoes a step up). */
function step(automaton: Automaton, state: number, cls: number): number {
  const { denseRow, dense, width, firstEdge, edgeClass, edgeTarget, edgeNext, fail } = automaton;
  for (let current = state; ; current = fail[current]!) {
    const row = denseRow[current]!;
    if (row >= 0) return dense[row * width + cls]!;
    let edge = firstEdge[current]!;
    while (edge !== -1 && edgeClass[edge] !== cls) edge = edgeNext[edge]!;
    if (edge !== -1) return edgeTarget[edge]!;
  }
}

function buildAutomaton(needles: readonly Buffer[]): Automaton {
  // Bytes that occur in no form share class 0: a dense row is as wide as the forms' alphabet, not 256.
  const classOf = new Uint8Array(256);
  let width = 1;
  for (const needle of needles) for (const byte of needle) if (classOf[byte] === 0) classOf[byte] = width++;
  // The trie as edge lists (Aho and Corasick, 1975), in arrays sized for the worst case: a state per byte of the forms.
  const capacity = needles.reduce((total, needle) => total + needle.length, 1);
  const firstEdge = new Int32Array(capacity).fill(-1);
  const depth = new Int32Array(capacity);
  const longest = new Int32Array(capacity);
  const edgeClass = new Int32Array(capacity);
  const edgeTarget = new Int32Array(capacity);
  const edgeNext = new Int32Array(capacity);
  let states = 1;
  for (const needle of needles) {
    let state = 0;
    for (const byte of needle) {
      const cls = classOf[byte]!;
      let edge = firstEdge[state]!;
      while (edge !== -1 && edgeClass[edge] !== cls) edge = edgeNext[edge]!;
      if (edge === -1) {
        // Edge n leads to state n + 1: both are numbered in the order they are made.
        edge = states - 1;
        edgeClass[edge] = cls;
        edgeTarget[edge] = states;
        edgeNext[edge] = firstEdge[state]!;
        firstEdge[state] = edge;
        depth[states] = depth[state]! + 1;
        states += 1;
      }
      state = edgeTarget[edge]!;
    }
    longest[state] = Math.max(longest[state]!, needle.length);
  }
  const denseRow = new Int32Array(states).fill(-1);
  let rows = 0;
  for (let state = 0; state < states; state += 1) if (depth[state]! < DENSE_DEPTH) denseRow[state] = rows++;
  const automaton: Automaton = {
    classOf,
    width,
    denseRow,
    dense: new Int32Array(rows * width),
    firstEdge,
    edgeClass,
    edgeTarget,
    edgeNext,
    fail: new Int32Array(states),
    longest,
    depth,
    shortest: 0,
    shift: new Uint8Array(0),
  };
  // Breadth first: a state's failure link (and a dense row's fallbacks) come from shallower states, already done.
  const queue = new Int32Array(states);
  for (let head = 0, tail = 1; head < tail; head += 1) {
    const state = queue[head]!;
    const row = denseRow[state]!;
    if (row >= 0)
      for (let cls = 0; cls < width; cls += 1)
        automaton.dense[row * width + cls] = state === 0 ? 0 : step(automaton, automaton.fail[state]!, cls);
    for (let edge = firstEdge[state]!; edge !== -1; edge = edgeNext[edge]!) {
      const child = edgeTarget[edge]!;
      automaton.fail[child] = state === 0 ? 0 : step(automaton, automaton.fail[state]!, edgeClass[edge]!);
      // A longer form ends wherever a shorter suffix of the text is one too: keep the longest.
      automaton.longest[child] = Math.max(automaton.longest[child]!, automaton.longest[automaton.fail[child]!]!);
      if (row >= 0) automaton.dense[row * width + edgeClass[edge]!] = child;
      queue[tail++] = child;
    }
  }
  // Wu and Manber's shift table on pairs of bytes (1994): where no form starts, most output is passed over without a
  // step of the automaton. The pair that ends a window as long as the shortest form rules out every start that would
  // put it where no form has it among its first `shortest` bytes.
  automaton.shortest = Math.min(255, ...needles.map((needle) => needle.length));
  automaton.shift = new Uint8Array(1 << 16).fill(automaton.shortest - 1);
  for (const needle of needles)
    for (let index = 1; index < automaton.shortest; index += 1) {
      const pair = (needle[index - 1]! << 8) | needle[index]!;
      automaton.shift[pair] = Math.min(automaton.shift[pair]!, automaton.shortest - 1 - index);
    }
  return automaton;
}

export function createMasker(values: Iterable<string>, mask: string = MASK): Masker {
  const needles = maskedForms(values);
  const replacement = Buffer.from(mask, "utf8");
  if (needles.length === 0) {
    const pass = (chunk: Uint8Array) => [Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)];
    return { push: pass, end: () => [] };
  }
  const automaton = buildAutomaton(needles);
  const { classOf, longest, depth, shortest, shift, denseRow, dense, width } = automaton;
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

  /**
   * Writes what is decided: bytes no later match can reach (before `settled`), masks whose start is settled. The
   * output is slices of the held tail and of `bytes`, never a copy of the chunk; only the new tail (shorter than the
   * longest form) is copied.
   */
  const flush = (bytes: Buffer): Buffer[] => {
    const parts: Buffer[] = [];
    const heldBase = written;
    const bytesBase = offset - bytes.length;
    const settled = offset - depth[state]!;
    const slice = (from: number, to: number, into: Buffer[]) => {
      if (from < bytesBase) into.push(held.subarray(from - heldBase, Math.min(to, bytesBase) - heldBase));
      if (to > bytesBase) into.push(bytes.subarray(Math.max(from, bytesBase) - bytesBase, to - bytesBase));
    };
    const plainTo = (to: number) => {
      if (to > written) slice(written, to, parts);
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
    const tail: Buffer[] = [];
    if (offset > written) slice(written, offset, tail);
    held = Buffer.concat(tail);
    return parts;
  };

  return {
    push(chunk) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let current = state;
      const length = bytes.length;
      for (let index = 0; index < length; index += 1) {
        // In the start state no match is under way: skip the starts the window's last byte rules out.
        if (current === 0) {
          for (let skip = 1; skip !== 0 && index + shortest <= length; index += skip)
            skip = shift[(bytes[index + shortest - 2]! << 8) | bytes[index + shortest - 1]!]!;
          if (index === length) break;
        }
        const cls = classOf[bytes[index]!]!;
        const row = denseRow[current]!;
        current = row >= 0 ? dense[row * width + cls]! : step(automaton, current, cls);
        const found = longest[current]!;
        if (found !== 0) match(offset + index + 1, found);
      }
      state = current;
      offset += length;
      return flush(bytes);
    },
    end() {
      // At the end nothing more can arrive: every match is settled.
      state = 0;
      const out = flush(Buffer.alloc(0));
      held = Buffer.alloc(0);
      return out;
    },
  };
}
