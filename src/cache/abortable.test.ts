// A caller's signal ends its own wait with AbortedError; the shared work goes on; a cached answer is a copy.
import { describe, expect, it } from "vitest";
import { AbortedError } from "../core/errors.js";
import { failure } from "../testing/clients.js";
import { abortable, answer } from "./abortable.js";

describe("abortable and answer", () => {
  it("rejects the caller's wait with AbortedError naming provider and operation; the work still settles", async () => {
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => (finish = resolve));
    const controller = new AbortController();
    const waiting = abortable(work, controller.signal, "dapr", "getSecret");
    controller.abort();
    expect(await failure(waiting)).toMatchObject({ code: "ERR_ABORTED", provider: "dapr", operation: "getSecret" });
    finish("v");
    expect(await work).toBe("v");
  });

  it("answers a value from memory as a copy, or AbortedError when the signal already fired", async () => {
    const cached = { db: "v" };
    const copy = await answer(cached, (keys) => ({ ...keys }), { provider: "dapr", operation: "getSecret" });
    expect(copy).toEqual(cached);
    expect(copy).not.toBe(cached);
    const signal = AbortSignal.abort();
    expect(await failure(answer(cached, (keys) => keys, { provider: "dapr", operation: "getSecret", signal }))).toBeInstanceOf(
      AbortedError,
    );
  });
});
