// Reading a file a user named, bounded: a regular file only (a FIFO or device would hang or never end), under a size cap.
import { constants, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { networkErrorCode } from "./retry.js";

export type BoundedReadFailure = "not-regular" | "too-large" | "unreadable" | "not-utf8";

/** Why a bounded read failed; the message names the reason and the limit, never the content. */
export class BoundedReadError extends Error {
  readonly reason: BoundedReadFailure;
  /** The system error code for `unreadable` (ENOENT, EACCES …). */
  readonly systemCode: string | undefined;
  constructor(reason: BoundedReadFailure, detail: string, systemCode?: string) {
    super(detail);
    this.name = "BoundedReadError";
    this.reason = reason;
    this.systemCode = systemCode;
  }
}

/** `1 MiB`, `64 KiB`: the limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} bytes`;
}

/** Refuses what is not UTF-8 (Buffer#toString would put U+FFFD in its place, silently); a byte order mark is kept. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new BoundedReadError("not-utf8", "not UTF-8 text (save it as UTF-8)");
  }
}

/**
 * The file's content as UTF-8 (a file that is not UTF-8 is refused), at most `maxBytes` bytes. Opened
 * non-blocking, so that naming a FIFO fails at once instead of waiting for a writer; checked on the open
 * descriptor (no race with a swapped path); read up to one byte past the limit, so a file that grows while it
 * is read is refused too.
 */
export async function readBoundedTextFile(path: string, maxBytes: number, onStats?: (stats: Stats) => void): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = networkErrorCode(error);
    throw new BoundedReadError("unreadable", `cannot read the file (${code ?? "error"})`, code);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new BoundedReadError("not-regular", "not a regular file (a FIFO, device or directory is refused: it may never end)");
    if (stats.size > maxBytes) throw new BoundedReadError("too-large", `larger than the limit of ${formatBytes(maxBytes)}`);
    onStats?.(stats);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new BoundedReadError("too-large", `larger than the limit of ${formatBytes(maxBytes)}`);
    }
    return decodeUtf8(buffer.subarray(0, length));
  } catch (error) {
    if (error instanceof BoundedReadError) throw error;
    const code = networkErrorCode(error);
    throw new BoundedReadError("unreadable", `cannot read the file (${code ?? "error"})`, code);
  } finally {
    await handle.close().catch(() => {});
  }
}
