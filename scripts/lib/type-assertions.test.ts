import { describe, expect, it } from "vitest";
import { typeAssertions } from "./type-assertions.js";

describe("typeAssertions", () => {
  it("finds `as T`, `as never`, `as unknown as T` and `<T>x`, with their lines; `as const` and `satisfies` pass", () => {
    const source = [
      "const a = body as never;",
      "const b = { x: 1 } as const;",
      "const c = value as unknown as Wire<'X'>;",
      "const d = <string>thing;",
      "const e = { y: 2 } satisfies object;",
      "import { x as y } from './z.js';",
    ].join("\n");
    expect(typeAssertions("example.ts", source)).toEqual([
      { line: 1, text: "body as never" },
      { line: 3, text: "value as unknown as Wire<'X'>" },
      { line: 3, text: "value as unknown" },
      { line: 4, text: "<string>thing" },
    ]);
  });
});
