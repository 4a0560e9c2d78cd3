// Reading a file a user named: regular files only, never past the limit, failures that name the reason only.
import { execFileSync } from "node:child_process";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BoundedReadError, formatBytes, readBoundedTextFile } from "./bounded-file.js";

const dir = mkdtempSync(path.join(tmpdir(), "typed-secrets-bounded-"));
const file = (name: string, content: string | Buffer) => {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as BoundedReadError,
  );

describe("formatBytes", () => {
  it("says the limit as people read it: whole MiB, whole KiB, else bytes", () => {
    expect([1 << 20, 3 << 20, 1 << 10, 64 << 10, (1 << 20) + (1 << 10), 1023, 1025, 0].map(formatBytes)).toEqual([
      "1 MiB",
      "3 MiB",
      "1 KiB",
      "64 KiB",
      "1025 KiB",
      "1023 bytes",
      "1025 bytes",
      "0 bytes",
    ]);
  });
});

describe("readBoundedTextFile", () => {
  it("reads a file of exactly the limit whole, as UTF-8, after handing its stats over", async () => {
    const at = file("exact.txt", "héllo!");
    const seen: number[] = [];
    expect(await readBoundedTextFile(at, Buffer.byteLength("héllo!"), (stats) => seen.push(stats.size))).toBe("héllo!");
    expect(seen).toEqual([7]);
    expect(await readBoundedTextFile(file("empty.txt", ""), 1)).toBe("");
  });

  it("refuses a file one byte over the limit, by its size", async () => {
    const error = await failure(readBoundedTextFile(file("over.txt", "x".repeat(1025)), 1024));
    expect(error).toBeInstanceOf(BoundedReadError);
    expect(error).toMatchObject({ name: "BoundedReadError", reason: "too-large" });
  });

  it("refuses content past the limit even when the size says less (a file that grows, a /proc file of size 0)", async () => {
    const error = await failure(readBoundedTextFile("/proc/self/status", 16));
    expect(error).toMatchObject({ reason: "too-large" });
    expect(await readBoundedTextFile("/proc/self/status", 1 << 20)).toMatch(/^Name:/);
  });

  it("refuses a directory and a FIFO at once, and says why", async () => {
    for (const target of [dir, "/dev/null"]) {
      const error = await failure(readBoundedTextFile(target, 1024));
      expect(error, target).toMatchObject({
        reason: "not-regular",
      });
    }
  });

  it("a FIFO nobody writes to is refused at once: it is opened without waiting for a writer", async () => {
    const fifo = path.join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    expect(await failure(readBoundedTextFile(fifo, 1024))).toMatchObject({ reason: "not-regular" });
  });

  it("refuses bytes that are not UTF-8 rather than replace them; keeps a byte order mark", async () => {
    expect(await failure(readBoundedTextFile(file("latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9])), 1024))).toMatchObject({
      name: "BoundedReadError",
      reason: "not-utf8",
    });
    expect(await readBoundedTextFile(file("bom.txt", "\uFEFFkey=value"), 1024)).toBe("\uFEFFkey=value");
  });

  it("a missing or unreadable file is 'cannot read the file' with the system's code only", async () => {
    const missing = await failure(readBoundedTextFile(path.join(dir, "missing.txt"), 1024));
    expect(missing).toMatchObject({ reason: "unreadable", systemCode: "ENOENT" });
    const loop = path.join(dir, "loop");
    symlinkSync(loop, loop);
    expect(await failure(readBoundedTextFile(loop, 1024))).toMatchObject({ reason: "unreadable", systemCode: "ELOOP" });
  });
});
