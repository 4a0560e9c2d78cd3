// The lines `run --watch` writes on stderr: variable names and the grace, never a value; a failed check as text, or as
// one JSON line with --json.
import { describe, expect, it } from "vitest";
import { SecretReferenceError } from "../run/secret-references.js";
import { createOutput } from "./output.js";
import { watchNote } from "./watch-notes.js";

function notes(json: boolean) {
  let stderr = "";
  const io = {
    stdout: { write: () => true },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: (async function* () {})(),
    env: {},
  };
  const out = createOutput(io, json);
  return { out, stderr: () => stderr };
}

describe("watchNote", () => {
  const failure = new SecretReferenceError("DB", "unresolved", "ERR_AUTHENTICATION", "reference not resolved: voximplant: refused");

  it("says each event in one line, naming variables only", () => {
    const { out, stderr } = notes(false);
    watchNote({ type: "check-failed", error: failure }, 10_000, out);
    watchNote({ type: "check-recovered" }, 10_000, out);
    watchNote({ type: "restarting", variables: ["DB", "API_KEY"] }, 10_000, out);
    watchNote({ type: "killed", pid: 42 }, 10_000, out);
    expect(stderr()).toBe(
      [
        "typed-secrets: watch: check failed; the command keeps running with the values it has (said once until a check succeeds): " +
          "DB: reference not resolved: voximplant: refused",
        "typed-secrets: watch: checks succeed again",
        "typed-secrets: watch: DB, API_KEY changed: restarting the command (SIGTERM, SIGKILL after 10 s)",
        "typed-secrets: watch: the command did not exit within 10 s: SIGKILL sent",
        "",
      ].join("\n"),
    );
  });

  it("with --json a failed check is one JSON line with the error's fields", () => {
    const { out, stderr } = notes(true);
    watchNote({ type: "check-failed", error: failure }, 10_000, out);
    const lines = stderr().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      error: { code: "ERR_SECRET_REFERENCE", variable: "DB", reason: "unresolved", causeCode: "ERR_AUTHENTICATION" },
    });
  });
});
