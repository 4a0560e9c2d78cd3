// Resolving many references at once: one abort listener on the caller's signal, however many there are.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { daprOn } from "../testing/clients.js";
import { resolveSecretReferences } from "./secret-references.js";

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
afterEach(() => void process.off("warning", onWarning));

describe("resolveSecretReferences with many references", () => {
  it("adds one listener to the signal for 25 concurrent reads: no MaxListenersExceededWarning", async () => {
    process.on("warning", onWarning);
    const count = 25;
    let arrived = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let listenersWhileReading = -1;
    const controller = new AbortController();
    const { client } = daprOn([
      async (request) => {
        const name = new URL(request.url).pathname.split("/").pop()!;
        arrived += 1;
        if (arrived === count) {
          listenersWhileReading = getEventListeners(controller.signal, "abort").length;
          release();
        }
        await gate;
        return Response.json({ [name]: `value-of-${name}` });
      },
    ]);
    const references = Object.fromEntries(Array.from({ length: count }, (_, index) => [`VAR_${index}`, `dapr://vault/s${index}`]));
    const resolved = await resolveSecretReferences(references, { dapr: client }, { signal: controller.signal });
    expect(Object.keys(resolved)).toHaveLength(count);
    expect(resolved.VAR_24).toBe("value-of-s24");
    expect(listenersWhileReading).toBe(1);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => warning.name)).toEqual([]);
  });

  it("still aborts every read when the signal fires", async () => {
    const controller = new AbortController();
    const { client } = daprOn([
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
          if (request.url.endsWith("/s11")) controller.abort(new Error("stop"));
        }),
    ]);
    const references = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`VAR_${index}`, `dapr://vault/s${index}`]));
    await expect(resolveSecretReferences(references, { dapr: client }, { signal: controller.signal })).rejects.toMatchObject({
      code: "ERR_SECRET_REFERENCE",
      causeCode: "ERR_ABORTED",
    });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
