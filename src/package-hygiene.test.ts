// What a registry page and an installer see: license, links, dependency ranges pinned by the lockfile, no tarball in git.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./testing/cli-process.js";

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const pkg = JSON.parse(read("package.json")) as Record<string, unknown> & { dependencies: Record<string, string>; files: string[] };
const lock = JSON.parse(read("package-lock.json")) as {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
};

describe("package hygiene", () => {
  it("ships a LICENSE matching the license field", () => {
    expect(pkg.license).toBe("MIT");
    expect(read("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });

  it("names its repository, issue tracker and home page", () => {
    expect(pkg.repository).toMatchObject({ type: "git", url: expect.stringMatching(/^git\+https:\/\//) });
    expect(pkg.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\//) });
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it("declares runtime dependencies as caret ranges, which the lockfile pins to versions inside them", () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["jose", "openapi-fetch"]);
    expect(lock.packages[""]!.dependencies).toEqual(pkg.dependencies);
    for (const [name, range] of Object.entries(pkg.dependencies)) {
      const [major, minor, patch] = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range)!.slice(1).map(Number) as [number, number, number];
      const [lockedMajor, lockedMinor, lockedPatch] = lock.packages[`node_modules/${name}`]!.version!.split(".").map(Number) as [
        number,
        number,
        number,
      ];
      // ^0.x.y allows patches only; ^x.y.z (x ≥ 1) allows minors.
      expect(lockedMajor).toBe(major);
      if (major === 0) expect([lockedMinor, lockedPatch >= patch]).toEqual([minor, true]);
      else expect(lockedMinor * 1e6 + lockedPatch).toBeGreaterThanOrEqual(minor * 1e6 + patch);
    }
  });

  it("keeps npm pack's tarball out of git", () => {
    expect(execFileSync("git", ["check-ignore", "typed-secrets-0.1.0.tgz"], { cwd: ROOT, encoding: "utf8" }).trim()).toBe(
      "typed-secrets-0.1.0.tgz",
    );
  });
});
