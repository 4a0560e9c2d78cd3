// Servers echo what they were sent: a value in a form body comes back URL-encoded, in a JSON message escaped, in a
// PEM or a token base64-encoded. Every form of the call's secrets (its values, keys, PEMs and credentials) is cut
// out of what a server sent before it reaches an error.
import { SecretsError } from "./errors.js";

const MARK = "[REDACTED]";
/** PEM lines and base64 fragments shorter than this are too common to cut out. */
const MIN_FRAGMENT = 16;
const MIN_BASE64 = 8;
/** Shorter values are cut out as whole words only. */
const MIN_SUBSTRING = 4;
const WORD = /\w/;

const percentLower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
const base64url = (text: string) => text.replace(/\+/g, "-").replace(/\//g, "_");

/** JSON string escapes as JSON.stringify writes them, then as Python (ASCII only) and Go (HTML-safe) do. */
function jsonForms(secret: string): string[] {
  const inner = JSON.stringify(secret).slice(1, -1);
  const ascii = inner.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const html = inner.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return [inner, ascii, html];
}

/**
 * The base64 characters that depend on the secret's bytes alone, for each of the three positions it can start at in a
 * larger encoded text (and their base64url spelling): enough of them to recognise it wherever it was embedded.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const forms = [bytes.toString("base64").replace(/=+$/, "")];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    // Whole groups of 3 bytes that hold only the secret's bytes: from the first group after the shift to the last full one.
    const first = shift === 0 ? 0 : 1;
    const last = Math.floor((shift + bytes.length) / 3);
    if (last > first) forms.push(encoded.slice(first * 4, last * 4));
  }
  return forms.flatMap((form) => [form, base64url(form)]).filter((form) => form.length >= MIN_BASE64);
}

/** The secret with its line breaks as they are, as LF and as CRLF: a server, a program or a terminal may convert them. */
function lineEndings(secret: string): string[] {
  if (!secret.includes("\n")) return [secret];
  const lf = secret.replace(/\r\n/g, "\n");
  return [...new Set([secret, lf, lf.replace(/\n/g, "\r\n")])];
}

/** Every spelling of one secret that a server may echo, or a program print (`run` masks them all). */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  // A PEM's lines are cut out one by one too: a server may quote a single line, or re-wrap the text.
  const lines = secret.split(/\r?\n/).filter((line) => line !== secret && line.trim().length >= MIN_FRAGMENT);
  const variants = lineEndings(secret);
  const forms = variants.flatMap((variant) => [...jsonForms(variant), ...base64Forms(variant)]);
  for (const part of [...variants, ...lines]) {
    const uri = encodeURIComponent(part);
    const form = new URLSearchParams({ v: part }).toString().slice(2);
    forms.push(part, uri, percentLower(uri), form, percentLower(form));
  }
  return [...new Set(forms)];
}

/**
 * Replaces every form of the given secrets in `text`. Every occurrence of every form is found in the original text
 * (overlapping ones too) and the union of their spans is replaced, so no marker is cut by a later match and no
 * text left between markers holds a whole form.
 */
export function redact(text: string, secrets: readonly string[]): string {
  if (text.length === 0 || secrets.length === 0) return text;
  const spans: [number, number][] = [];
  for (const needle of new Set(secrets.flatMap(secretForms))) {
    // A value of a few characters is cut out only where it stands alone: inside words it would garble every message.
    const alone = needle.length < MIN_SUBSTRING;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      if (!alone || (!WORD.test(text[at - 1] ?? "") && !WORD.test(text[at + needle.length] ?? ""))) spans.push([at, at + needle.length]);
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let result = "";
  let copied = 0;
  for (let index = 0; index < spans.length; ) {
    const start = spans[index]![0];
    let end = spans[index]![1];
    for (index += 1; index < spans.length && spans[index]![0] <= end; index += 1) end = Math.max(end, spans[index]![1]);
    result += `${text.slice(copied, start)}${MARK}`;
    copied = end;
  }
  return result + text.slice(copied);
}

/** The fields of this package's errors that hold what a server sent, besides `serverMessage`. */
const SERVER_FIELDS = ["requestId", "providerCode", "taskId"] as const;

/**
 * Cuts the secrets out of an error and its causes, in place, and returns it. In this package's errors only what a
 * server sent is touched (`serverMessage`, where it stands in the message and stack, `requestId`, `providerCode`, a
 * task's id): the package's own wording never holds a value, so a short value or one equal to a store's name cannot
 * garble or give away the rest. Any other error (a cause from elsewhere) has its message and stack cut whole.
 */
export function redactError<E>(error: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return error;
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof SecretsError) redactServerText(current, secrets);
    else redactWhole(current, secrets);
    current = current.cause;
  }
  return error;
}

function redactServerText(error: SecretsError, secrets: readonly string[]): void {
  const said = error.serverMessage;
  const clean = said === undefined ? said : redact(said, secrets);
  if (said !== undefined && clean !== undefined && clean !== said) {
    const at = error.message.lastIndexOf(said);
    const message = `${error.message.slice(0, at)}${clean}${error.message.slice(at + said.length)}`;
    const head = `${error.name}: ${error.message}`;
    // The stack's head is the message as it was; a stack rewritten since (by whoever caught it) is cut whole.
    if (typeof error.stack === "string")
      error.stack = error.stack.startsWith(head)
        ? `${error.name}: ${message}${error.stack.slice(head.length)}`
        : redact(error.stack, secrets);
    error.message = message;
    Object.defineProperty(error, "serverMessage", { value: clean });
  }
  for (const field of SERVER_FIELDS) {
    const value: unknown = Reflect.get(error, field);
    if (typeof value !== "string") continue;
    const cut = redact(value, secrets);
    if (cut !== value) Object.defineProperty(error, field, { value: cut });
  }
}

/** Defined, not assigned: some errors' message is a getter only (DOMException's), and assigning to it would throw. */
function replace(error: Error, field: "message" | "stack", value: string): void {
  if (value !== error[field]) Object.defineProperty(error, field, { value, writable: true, configurable: true });
}

function redactWhole(error: Error, secrets: readonly string[]): void {
  replace(error, "message", redact(error.message, secrets));
  if (typeof error.stack === "string") replace(error, "stack", redact(error.stack, secrets));
}
