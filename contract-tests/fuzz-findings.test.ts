// What the fuzzer found, pinned against the mocks: the bugs it found stay fixed, the inputs the client
// wrongly refused go through, and the two deliberate refusals stay deliberate.
import { describe, expect, it } from "vitest";
import { daprClient, gcoreClient, pem, voximplantClient } from "./support/clients.js";
import { mockUrl } from "./support/context.js";
import { checkedFetches } from "./support/strict-fetch.js";

const strictVoximplant = checkedFetches("voximplant");
const strictDapr = checkedFetches("dapr");
const strictGcore = checkedFetches("gcore");
const voximplant = () => voximplantClient({ baseUrl: mockUrl("voximplant"), fetch: strictVoximplant() });
const dapr = () => daprClient({ baseUrl: mockUrl("dapr"), fetch: strictDapr() });
const gcore = () => gcoreClient({ baseUrl: mockUrl("gcore"), fetch: strictGcore() });
const upload = (expiresAt?: Date) => ({
  name: "lb-cert",
  certificate: pem.certificate,
  privateKey: pem.privateKey,
  certificateChain: pem.certificate,
  ...(expiresAt ? { expiresAt } : {}),
});

describe("fixed: inputs that cannot be sent as given are refused, naming the field", () => {
  it("a lone surrogate in a form value (was sent as U+FFFD, changing the secret)", async () => {
    await expect(voximplant().addSecret({ name: "apiKeyProd", value: "half \uD800 pair" })).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      field: "value",
    });
  });
  it("a lone surrogate in a path or a metadata key (was an 'unexpected failure (URIError)')", async () => {
    await expect(dapr().getSecret("vault", "half\uD800")).rejects.toMatchObject({ code: "ERR_VALIDATION", field: "name" });
    await expect(dapr().getSecret("vault", "db-secret", { metadata: { version_id: "\uDC00" } })).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      field: "metadata.version_id",
    });
    await expect(gcore().waitForTask("task\uDC00")).rejects.toMatchObject({ code: "ERR_VALIDATION", field: "taskId" });
  });
  it('a task id "." or ".." (the URL resolved it to no route)', async () => {
    await expect(gcore().waitForTask("..")).rejects.toMatchObject({ code: "ERR_VALIDATION", field: "taskId" });
  });
  it("an expiry outside the years 0-9999 (toISOString is then no RFC 3339 date-time)", async () => {
    await expect(gcore().uploadCertificate(upload(new Date("+010000-01-01T00:00:00Z")))).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      field: "expiresAt",
    });
  });
});

describe("fixed: inputs the spec allows go through", () => {
  it("empty strings where the spec sets no minimum", async () => {
    await expect(voximplant().addSecret({ name: "emptyValue", value: "", description: "" })).resolves.toEqual({ id: 10 });
    await expect(gcore().uploadCertificate({ ...upload(), name: "" })).resolves.toMatchObject({ taskIds: [expect.any(String)] });
  });
  it("8192 characters counted as the spec counts them (code points), emoji included", async () => {
    await expect(voximplant().addSecret({ name: "emoji", value: "😀".repeat(8192) })).resolves.toEqual({ id: 10 });
    await expect(voximplant().addSecret({ name: "emoji", value: "😀".repeat(8193) })).rejects.toMatchObject({ field: "value" });
  });
  it("a Voximplant page size over 1000 (no documented maximum) and an empty Dapr metadata key", async () => {
    await expect(voximplant().listSecrets({ pageSize: 1001 })[Symbol.asyncIterator]().next()).resolves.toMatchObject({ done: false });
    await expect(dapr().getSecret("vault", "db-secret", { metadata: { "": "v" } })).resolves.toEqual({ "db-secret": "value1" });
  });
  it("a listed Gcore secret is deleted by its key (its id), not its display name", async () => {
    const client = gcore();
    for await (const secret of client.listSecrets()) {
      expect(secret.key).toBe(secret.id);
      await expect(client.deleteSecret(secret.key)).resolves.toBeUndefined();
    }
  });
});

describe("deliberate: stricter than the spec, on purpose", () => {
  it("a description over 200 characters is refused: the API would cut it without a word", async () => {
    await expect(voximplant().addSecret({ name: "described", value: "v", description: "d".repeat(201) })).rejects.toMatchObject({
      field: "description",
    });
  });
  it("ids of 0 or below are refused: no such id exists", async () => {
    await expect(voximplant().getSecret({ id: 0 })).rejects.toMatchObject({ field: "id" });
    expect(() => gcore().listSecrets({ projectId: 0 })).toThrow(expect.objectContaining({ field: "projectId" }));
  });
});
