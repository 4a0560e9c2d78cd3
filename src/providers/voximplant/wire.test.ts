// Voximplant's wire conventions, each rule on its own: error codes in 200 bodies (the codes from the official SDKs and
// the docs' error list, ../shared/reference/apis.md), what the transport retries, timestamps, form bodies, DelSecret targets.
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderApiError,
  RateLimitedError,
  ValidationError,
} from "../../core/errors.js";
import type { Answer } from "../../core/transport.js";
import { deleteFields, NAME } from "./fields.js";
import { errorFromWire, formBody, parseTimestamp, single, voximplantVerdict, wireError } from "./wire.js";

const details = { provider: "voximplant", operation: "AddSecret" };
const answer = (status: number, body: unknown) => ({ status, body, headers: new Headers() }) as Answer;

describe("errorFromWire", () => {
  it.each([
    [[100, 433, 447, 454, 455, 456], AuthenticationError],
    [[104], PermissionDeniedError],
    [[340], RateLimitedError],
    [[107, 116, 558, 341], NotFoundError],
    [[493], ConflictError],
    [[101, 134, 458, 485, 496, 499], ValidationError],
    [[0, 102, 162, 342, 515, 999], ProviderApiError],
  ])("codes %j are %o", (codes, kind) => {
    for (const code of codes) {
      const error = errorFromWire({ code, msg: "refused" }, details);
      expect(error.constructor, String(code)).toBe(kind);
      expect(error).toMatchObject({ message: `voximplant AddSecret: refused (Voximplant code ${code})`, providerCode: code });
    }
  });

  it("a message saying the name is taken is a conflict whatever the code; an empty message is 'error'", () => {
    for (const msg of ["Secret already exists", "The name is taken", "DUPLICATE secret_name"])
      expect(errorFromWire({ code: 499, msg }, details), msg).toBeInstanceOf(ConflictError);
    expect(errorFromWire({ code: 999, msg: "" }, details).message).toBe("voximplant AddSecret: error (Voximplant code 999)");
  });
});

describe("wireError", () => {
  it("reads {error} or the Go SDK's {errors: [...]}, coercing the code and defaulting the message", () => {
    expect(wireError({ error: { code: 341, msg: "no" } })).toEqual({ code: 341, msg: "no" });
    expect(wireError({ error: { code: "341", msg: 5 } })).toEqual({ code: 341, msg: "" });
    expect(
      wireError({
        errors: [
          { code: 101, msg: "first" },
          { code: 102, msg: "second" },
        ],
      }),
    ).toEqual({ code: 101, msg: "first" });
    expect(wireError({ error: { msg: "no code" } })).toEqual({ code: Number.NaN, msg: "no code" });
  });

  it("finds nothing in a success or a body that is not an object", () => {
    for (const body of [undefined, null, "text", 42, { result: 1 }, { error: "text" }, { error: null }, { errors: [] }, { errors: ["x"] }])
      expect(wireError(body), JSON.stringify(body)).toBeUndefined();
  });
});

describe("voximplantVerdict", () => {
  it.each([
    [200, { result: 1 }, "ok"],
    [200, { error: { code: 455, msg: "future" } }, "refresh-auth"],
    [200, { error: { code: 456, msg: "expired" } }, "refresh-auth"],
    [200, { error: { code: 340, msg: "slow down" } }, "rate-limited"],
    [200, { error: { code: 162, msg: "try later" } }, "try-later"],
    [299, { error: { code: 515, msg: "try later" } }, "try-later"],
    [200, { error: { code: 100, msg: "bad token" } }, "ok"],
    [199, { error: { code: 340, msg: "slow down" } }, undefined],
    [300, { error: { code: 340, msg: "slow down" } }, undefined],
    [503, undefined, undefined],
  ])("%i %j → %s", (status, body, verdict) => {
    expect(voximplantVerdict(answer(status, body))).toBe(verdict);
  });
});

describe("shapes", () => {
  it("single takes the object the docs show or the array of one the Node SDK types", () => {
    expect(single({ secret_id: 1 })).toEqual({ secret_id: 1 });
    expect(single([{ secret_id: 2 }, { secret_id: 3 }])).toEqual({ secret_id: 2 });
    expect(single(undefined)).toBeUndefined();
    expect(single([])).toBeUndefined();
  });

  it("parseTimestamp reads 'YYYY-MM-DD HH:MM:SS' as UTC, and nothing else", () => {
    expect(parseTimestamp("2026-11-29 10:20:30")).toEqual(new Date("2026-11-29T10:20:30Z"));
    expect(parseTimestamp(" 2026-11-29 10:20:30 ")).toEqual(new Date("2026-11-29T10:20:30Z"));
    for (const value of [undefined, "", "yesterday", "2026-13-40 99:00:00"]) expect(parseTimestamp(value), value).toBeUndefined();
  });

  it("formBody sends every defined field as text, and nothing for undefined or null", () => {
    expect(formBody({ a: 1, b: "x y", c: undefined, d: null, e: false, f: "" }).toString()).toBe("a=1&b=x+y&e=false&f=");
    expect(formBody(undefined).toString()).toBe("");
  });
});

describe("DelSecret targets", () => {
  const context = { provider: "voximplant", operation: "DelSecret" };
  const refused = (target: object) => {
    try {
      deleteFields(target as never, context);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return error as ValidationError;
    }
    throw new Error("accepted");
  };

  it("joins ids or names with ';', or sends 'all'", () => {
    expect(deleteFields({ ids: [3, 14] }, context)).toEqual({ secret_id: "3;14" });
    expect(deleteFields({ names: ["a", "B_2"] }, context)).toEqual({ secret_name: "a;B_2" });
    expect(deleteFields({ all: true }, context)).toEqual({ secret_id: "all" });
  });

  it("exactly one of ids, names and all, each checked, the offending one named", () => {
    expect(refused({})).toMatchObject({
      message: "voximplant DelSecret: ids/names/all: give exactly one (got none)",
      field: "ids/names/all",
    });
    expect(refused({ ids: [1], names: ["a"] }).message).toBe("voximplant DelSecret: ids/names/all: give exactly one (got ids, names)");
    expect(refused({ names: ["a"], all: true }).message).toBe("voximplant DelSecret: ids/names/all: give exactly one (got names, all)");
    expect(refused({ all: false })).toMatchObject({ message: "voximplant DelSecret: all must be true", field: "all" });
    expect(refused({ ids: [] })).toMatchObject({ message: "voximplant DelSecret: ids must be a non-empty array", field: "ids" });
    expect(refused({ names: "a" })).toMatchObject({ message: "voximplant DelSecret: names must be a non-empty array", field: "names" });
    expect(refused({ ids: [1, 0] })).toMatchObject({ field: "ids[1]" });
    expect(refused({ names: ["ok", "1bad"] })).toMatchObject({
      field: "names[1]",
      message: "voximplant DelSecret: names[1] must match a Latin letter followed by up to 63 letters, digits or underscores",
    });
  });

  it("a name is a Latin letter then up to 63 letters, digits or underscores", () => {
    for (const good of ["a", "Z", `a${"_".repeat(63)}`, "apiKey_2"]) expect(NAME.test(good), good).toBe(true);
    for (const bad of ["", "1a", "_a", `a${"b".repeat(64)}`, "a-b", "ключ", "a b"]) expect(NAME.test(bad), bad).toBe(false);
  });
});
