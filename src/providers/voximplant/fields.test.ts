// Voximplant's documented field rules, checked before anything is sent: DelSecret targets and names.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../core/errors.js";
import { deleteFields, NAME } from "./fields.js";

describe("DelSecret targets", () => {
  const refused = (target: object) => {
    try {
      deleteFields(target, "DelSecret");
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return error as ValidationError;
    }
    throw new Error("accepted");
  };

  it("joins ids or names with ';', or sends 'all'", () => {
    expect(deleteFields({ ids: [3, 14] }, "DelSecret")).toEqual({ secret_id: "3;14" });
    expect(deleteFields({ names: ["a", "B_2"] }, "DelSecret")).toEqual({ secret_name: "a;B_2" });
    expect(deleteFields({ all: true }, "DelSecret")).toEqual({ secret_id: "all" });
  });

  it("exactly one of ids, names and all, each checked, the offending one named", () => {
    expect(refused({})).toMatchObject({ code: "ERR_VALIDATION", operation: "DelSecret", field: "ids/names/all" });
    expect(refused({ ids: [1], names: ["a"] })).toMatchObject({ field: "ids/names/all" });
    expect(refused({ names: ["a"], all: true })).toMatchObject({ field: "ids/names/all" });
    expect(refused({ all: false })).toMatchObject({ field: "all" });
    expect(refused({ ids: [] })).toMatchObject({ field: "ids" });
    expect(refused({ names: "a" })).toMatchObject({ field: "names" });
    expect(refused({ ids: [1, 0] })).toMatchObject({ field: "ids[1]" });
    expect(refused({ names: ["ok", "1bad"] })).toMatchObject({
      field: "names[1]",
    });
  });

  it("a name is a Latin letter then up to 63 letters, digits or underscores", () => {
    for (const good of ["a", "Z", `a${"_".repeat(63)}`, "apiKey_2"]) expect(NAME.test(good), good).toBe(true);
    for (const bad of ["", "1a", "_a", `a${"b".repeat(64)}`, "a-b", "ключ", "a b"]) expect(NAME.test(bad), bad).toBe(false);
  });
});
