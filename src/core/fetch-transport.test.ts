// The fetch transport keeps every transport guarantee (the shared suite), with the global fetch and a given one.
import { describe, expect, it } from "vitest";
import { Cancellation } from "./cancellation.js";
import { createFetchTransport, readBounded } from "./fetch-transport.js";
import { ResponseTooLargeError } from "./http.js";
import { describeTransport } from "../testing/transport-suite.js";

describeTransport("fetch", () => createFetchTransport((request) => fetch(request)));

describe("the fetch it is given", () => {
  it("gets a Request that follows no redirect and whose signal follows the attempt's cancellation", async () => {
    const seen: Request[] = [];
    const cancellation = new Cancellation();
    const transport = createFetchTransport(async (request) => (seen.push(request), new Response("ok")));
    await transport({ method: "DELETE", url: "https://api.test/x", headers: { a: "b" } }, { cancellation, maxResponseBytes: 10 });
    expect(seen[0]).toMatchObject({ method: "DELETE", url: "https://api.test/x", redirect: "manual" });
    expect(seen[0]!.headers.get("a")).toBe("b");
    cancellation.cancel(new Error("stop"));
    expect(seen[0]!.signal.aborted).toBe(true);
  });
});

describe("readBounded", () => {
  it("reads a body of exactly the cap, and refuses one byte more, streamed or declared", async () => {
    expect(await readBounded(new Response("x".repeat(8)), 8)).toBe("xxxxxxxx");
    await expect(readBounded(new Response(new Blob(["x".repeat(9)]).stream()), 8)).rejects.toBeInstanceOf(ResponseTooLargeError);
    await expect(readBounded(new Response("x".repeat(9), { headers: { "content-length": "9" } }), 8)).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it("decodes UTF-8 split across chunks", async () => {
    const bytes = Buffer.from("é€😀");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    expect(await readBounded(new Response(stream), 64)).toBe("é€😀");
  });
});
