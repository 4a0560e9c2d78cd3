// Requests built from a spec operation (path parameters encoded, query, form or JSON body), and an operation found by
// its method and spec path.
import { describe, expect, it } from "vitest";
import { buildRequest, type OperationDef, type OperationTable, operationMatcher, type RequestInput } from "./operations.js";

type Paths = Record<string, unknown>;
/** An operation that takes any parameters and bodies. */
type AnyOperation = {
  parameters: { path: Record<string, string>; query: Record<string, unknown> };
  requestBody: { content: { "application/x-www-form-urlencoded": Record<string, unknown>; "application/json": Record<string, unknown> } };
};
const build = (baseUrl: string, def: OperationDef<Paths>, input: RequestInput<AnyOperation>) =>
  buildRequest<Paths, AnyOperation>(baseUrl, def, input);

const table = {
  getSecret: { method: "get", path: "/v1.0/secrets/{store}/{name}", repeatable: true },
  getBulkSecret: { method: "get", path: "/v1.0/secrets/{store}/bulk", repeatable: true },
  add: { method: "post", path: "/AddSecret", repeatable: false },
  remove: { method: "delete", path: "/things/{id}.json", repeatable: false },
} satisfies OperationTable<Paths>;

describe("buildRequest", () => {
  it("encodes path parameters, appends the query, leaves out undefined fields", () => {
    expect(
      build("https://h/base", table.getSecret, { path: { store: "a b", name: "x/../y?#" }, query: { n: 1, skip: undefined } }),
    ).toEqual({
      method: "GET",
      url: "https://h/base/v1.0/secrets/a%20b/x%2F..%2Fy%3F%23?n=1",
    });
  });

  it("a vendor's own encoder for a parameter", () => {
    const encodePathParam = (name: string, value: string) => (name === "name" && value === "bulk" ? "bul%6B" : encodeURIComponent(value));
    expect(build("https://h", { ...table.getSecret, encodePathParam }, { path: { store: "s", name: "bulk" } }).url).toBe(
      "https://h/v1.0/secrets/s/bul%6B",
    );
  });

  it("a form body is urlencoded; a JSON body serialised once; scalars only", () => {
    expect(build("https://h", table.add, { form: { a: "x y", b: 2, c: true, d: undefined, e: { no: 1 } } })).toEqual({
      method: "POST",
      url: "https://h/AddSecret",
      contentType: "application/x-www-form-urlencoded",
      body: "a=x+y&b=2&c=true",
    });
    expect(build("https://h", table.add, { json: { name: "n", payload: { a: 1 } } })).toMatchObject({
      contentType: "application/json",
      body: '{"name":"n","payload":{"a":1}}',
    });
    expect(build("https://h", table.remove, { path: { id: "7" } })).toEqual({ method: "DELETE", url: "https://h/things/7.json" });
  });

  it("a path parameter given as a number is its digits; a missing one, or no path at all, is empty", () => {
    expect(build("https://h", table.remove, { path: { id: 7 as never } }).url).toBe("https://h/things/7.json");
    expect(build("https://h", table.getSecret, { path: { store: "s" } as never }).url).toBe("https://h/v1.0/secrets/s/");
    expect(build("https://h", table.getSecret, {} as never).url).toBe("https://h/v1.0/secrets//");
  });
});

describe("operationMatcher", () => {
  const match = operationMatcher<Paths>(table);
  it.each([
    ["GET", "/v1.0/secrets/vault/db", "getSecret"],
    ["GET", "/v1.0/secrets/vault/bulk", "getBulkSecret"],
    ["POST", "/AddSecret", "add"],
    ["DELETE", "/things/7.json", "remove"],
    ["DELETE", "/things/7xjson", undefined],
    ["GET", "/AddSecret", undefined],
    ["GET", "/v1.0/secrets/vault/db/extra", undefined],
  ])("%s %s → %s", (method, path, name) => {
    expect(match(method, path)).toBe(name);
  });
});
