// What an object holding credentials shows of itself.
import { inspect } from "node:util";
import { expect, it } from "vitest";
import { showOnly } from "./inspect.js";

it("shows only the named fields, in inspect and JSON, and hides its own methods", () => {
  const target = showOnly({ key: "sk-do-not-show", list: () => 1 }, "Example", { provider: "p", port: 8080 });
  expect(inspect(target, { showHidden: true })).toBe('Example { provider: "p", port: 8080 }');
  expect(JSON.stringify(target)).toBe('{"provider":"p","port":8080}');
  expect(String(JSON.stringify({ nested: target }))).not.toContain("sk-do-not-show");
  // The object itself keeps working, and the two added members are not enumerable.
  expect(target.list()).toBe(1);
  expect(Object.keys(target)).toEqual(["key", "list"]);
});
