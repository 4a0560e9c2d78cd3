// Text that is safe to print on a terminal: server-supplied strings lose escape sequences and control characters.

/**
 * Escape sequences a terminal acts on: CSI (`ESC [` … final byte, or the one-byte C1 CSI), OSC (`ESC ]` … BEL or
 * ST: window titles, hyperlinks, OSC 52 clipboard writes), DCS/SOS/PM/APC strings, and two-byte `ESC x` commands.
 * An unterminated string sequence runs to the end of the text, as a terminal would swallow it.
 */
const ESCAPE_SEQUENCE =
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]?/g;
/** C0 and C1 controls and DEL, plus the bidirectional overrides that reorder what is shown (CVE-2021-42574). */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * `text` with escape sequences removed and every other control character shown as `\uXXXX`; newlines kept
 * when `keepNewlines` (multi-line messages), else shown too. Plain text comes back unchanged.
 */
export function terminalText(text: string, { keepNewlines = false } = {}): string {
  if (!/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, "").replace(keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL, visible);
}

/** Does `text` hold anything `terminalText` would change? */
export function hasControlCharacters(text: string): boolean {
  return /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(text);
}

/**
 * JSON as `JSON.stringify` writes it, with the characters it leaves raw but a terminal may act on (DEL, C1
 * controls, bidirectional overrides, line and paragraph separators) escaped as `\uXXXX` too: still the same JSON value.
 */
export function terminalJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(/[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, visible);
}
