// Scenarios against the Gcore emulator: uploads and deletions that finish through their tasks, a taken name, a
// key that does not match, a lost upload answer, paging over a collection larger than a page, secrets of other
// types, and a rate limit with Retry-After.
import { describe, expect, it } from "vitest";
import { ConflictError, TaskFailedError } from "../../src/core/errors.js";
import { type GcoreEmulatorOptions, startGcoreEmulator, testCertificate } from "../../src/emulator/index.js";
import { emulatorPerTest } from "./fixture.js";
import { createGcoreClient } from "../../src/providers/gcore/client.js";

const emulate = emulatorPerTest(startGcoreEmulator);
async function start(options: GcoreEmulatorOptions = {}) {
  const emulator = await emulate(options);
  return { emulator, client: createGcoreClient({ env: emulator.env, taskPolling: { intervalMs: 1_000 } }) };
}
const certificate = testCertificate({ hostname: "scenario.example.com" });
const upload = async (name: string) => ({ name, ...(await certificate) });
const names = async (client: ReturnType<typeof createGcoreClient>) => {
  const seen: string[] = [];
  for await (const secret of client.listSecrets()) seen.push(secret.name);
  return seen;
};

describe("Gcore emulator scenarios", () => {
  it("an upload appears when its task finishes (NEW → RUNNING → FINISHED); a delete removes it the same way", async () => {
    const { client, emulator } = await start();
    const { taskIds } = await client.uploadCertificate(await upload("scenario-cert"));
    expect(await names(client)).toEqual(["lb-cert"]);
    const states: string[] = [];
    const task = await client.waitForTask(taskIds[0]!, { onProgress: (progress) => states.push(progress.state) });
    expect(states).toEqual(["NEW", "RUNNING"]);
    expect(emulator.requests.filter((arrival) => arrival.operation === "getTask")).toHaveLength(3);
    expect(task.state).toBe("FINISHED");
    const created = await client.getSecret(task.createdSecretIds[0]!);
    expect(created).toMatchObject({ name: "scenario-cert", type: "certificate" });
    expect(await names(client)).toEqual(["lb-cert", "scenario-cert"]);
    await client.deleteSecret(created.id);
    expect(await names(client)).toEqual(["lb-cert"]);
  });

  it("a taken name is a ConflictError; a key that does not match the certificate fails the task", async () => {
    // Instant tasks: the failure is at the first poll, with no interval waited.
    const { client, emulator } = await start({ taskProgress: "instant" });
    await expect(client.uploadCertificate(await upload("lb-cert"))).rejects.toBeInstanceOf(ConflictError);
    const other = await testCertificate({ hostname: "other.example.com" });
    const mismatched = { ...(await upload("mismatched")), privateKey: other.privateKey };
    await expect(client.uploadCertificateAndWait(mismatched)).rejects.toBeInstanceOf(TaskFailedError);
    expect(await names(client)).not.toContain("mismatched");
    expect(emulator.requests.filter((arrival) => arrival.operation === "getTask")).toHaveLength(1);
  });

  it("gcore.list-count: pages over 25 secrets five at a time (count is the collection's size)", async () => {
    const secrets = Array.from({ length: 25 }, (_, index) => ({ name: `cert-${String(index).padStart(2, "0")}` }));
    const { client, emulator } = await start({ secrets });
    const seen: string[] = [];
    for await (const secret of client.listSecrets({ pageSize: 5 })) seen.push(secret.name);
    expect(seen).toEqual(secrets.map((secret) => secret.name));
    expect(emulator.requests.every((arrival) => arrival.operation === "listSecrets" && arrival.status === 200)).toBe(true);
  });

  it("gcore.secret-fields: lists an opaque AES key beside a certificate, with its type", async () => {
    const aes = { id: "5f3b5b8e-2a89-4f33-9b57-0c8b5f5f2d10", name: "AES key", type: "opaque", algorithm: "aes", bitLength: 256 } as const;
    const { client } = await start({ secrets: [{ name: "lb-cert" }, aes] });
    expect(await client.getSecret(aes.id)).toMatchObject({ id: aes.id, name: "AES key", type: "opaque" });
    expect(await names(client)).toEqual(["lb-cert", "AES key"]);
  });

  it("a lost upload answer: one upload arrives, and uploadCertificateAndWait finds the certificate by its name", async () => {
    // The applied upload's task is never polled (its id was lost): it finishes on its own after a second.
    const { client, emulator } = await start({ unpolledTaskFinishesAfterMs: 1_000 });
    emulator.faults.inject("uploadCertificate", { kind: "reset", when: "after" });
    const found = await client.uploadCertificateAndWait(await upload("lost-cert"), { intervalMs: 1_000, timeoutMs: 20_000 });
    expect(found).toMatchObject({ name: "lost-cert", type: "certificate" });
    expect(emulator.requests.filter((arrival) => arrival.operation === "uploadCertificate")).toHaveLength(1);
  });

  it("honours Retry-After on a 429", async () => {
    const { client, emulator } = await start();
    emulator.faults.inject("listSecrets", { kind: "rate-limit", retryAfterSeconds: 1 });
    expect(await names(client)).toEqual(["lb-cert"]);
    expect(emulator.requests.map((arrival) => arrival.status)).toEqual([429, 200]);
  });
});
