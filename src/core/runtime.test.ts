// The User-Agent's runtime: Bun and Deno are named as themselves even though they answer process.versions.node.
import { describe, expect, it } from "vitest";
import { runtimeName } from "./runtime.js";

const node = { process: { versions: { node: "24.3.0" } } };

describe("runtimeName", () => {
  it("names Node, Bun, Deno and workerd, whatever Node version the others imitate", () => {
    expect(runtimeName()).toBe(`node/${process.versions.node}`);
    expect(runtimeName(node)).toBe("node/24.3.0");
    expect(runtimeName({ ...node, Bun: { version: "1.4.5" } })).toBe("bun/1.4.5");
    expect(runtimeName({ ...node, Deno: { version: { deno: "2.9.6" } } })).toBe("deno/2.9.6");
    expect(runtimeName({ ...node, navigator: { userAgent: "Cloudflare-Workers" } })).toBe("workerd");
    expect(runtimeName({})).toBe("unknown-runtime");
    // Half-present globals (a polyfill, a shim) do not count.
    expect(runtimeName({ ...node, Deno: {} })).toBe("node/24.3.0");
    expect(runtimeName({ process: {} })).toBe("unknown-runtime");
  });
});
