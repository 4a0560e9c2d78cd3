// operations.ts: where each request goes, and which configuration error each names.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError } from "../../core/errors.js";
import { fakePem, json } from "../../testing/observed-fetch.js";
import { failure, gcoreOn } from "../../testing/clients.js";

const SECRET_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

const upload = { name: "lb-cert", certificate: PEM, certificateChain: PEM, privateKey: fakePem("PRIVATE", "MIIE") };

const gcore = gcoreOn;

afterEach(() => {
  vi.useRealTimers();
});

describe("where requests go", () => {
  it("delete: DELETE of the secret in the project and region", async () => {
    const { client, calls } = gcore([json({ tasks: ["t1"] })]);
    expect(await client.startDeleteSecret(SECRET_ID, { projectId: 3, regionId: 4 })).toEqual({ taskIds: ["t1"] });
    expect(calls()).toEqual([`DELETE /cloud/v1/secrets/3/4/${SECRET_ID}`]);
  });

  it("a key that merely contains 'apikey ' still gets the prefix", async () => {
    const { client, fetch } = gcore([json({ tasks: [] })], { apiKey: "my-apikey x" });
    await client.startDeleteSecret(SECRET_ID);
    expect(fetch.requests[0]!.headers.get("authorization")).toBe("APIKey my-apikey x");
  });
});

describe("configuration errors name the operation", () => {
  it.each([
    ["listSecrets", (client: ReturnType<typeof gcore>["client"]) => client.listSecrets()[Symbol.asyncIterator]().next()],
    ["getSecret", (client: ReturnType<typeof gcore>["client"]) => client.getSecret(SECRET_ID)],
    ["uploadCertificate", (client: ReturnType<typeof gcore>["client"]) => client.uploadCertificate(upload)],
    ["deleteSecret", (client: ReturnType<typeof gcore>["client"]) => client.startDeleteSecret(SECRET_ID)],
  ] as Array<[string, (client: ReturnType<typeof gcore>["client"]) => Promise<unknown>]>)(
    "%s without a project or a region",
    async (operation, call) => {
      const noProject = gcore([json({})], { projectId: undefined as never });
      const error = await failure(Promise.resolve().then(() => call(noProject.client)));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({
        operation,
        provider: "gcore",
      });
      const noRegion = gcore([json({})], { regionId: undefined as never });
      expect(await failure(Promise.resolve().then(() => call(noRegion.client)))).toMatchObject({
        code: ConfigurationError.code,
        operation,
      });
      expect(noProject.fetch.requests).toHaveLength(0);
    },
  );

  it("a per-call location is checked, naming the field; a page size over 1000 names listSecrets", async () => {
    const { client } = gcore([json({})]);
    expect(await failure(client.getSecret(SECRET_ID, { regionId: 0 }))).toMatchObject({ field: "regionId", operation: "getSecret" });
    expect(() => client.listSecrets({ pageSize: 1001 })).toThrow(expect.objectContaining({ field: "pageSize", operation: "listSecrets" }));
    expect(await failure(client.uploadCertificate(undefined as never))).toMatchObject({ field: "name" });
  });

  it("a secret id that is not a UUID is refused before sending, naming the field and the operation", async () => {
    const { client, fetch } = gcore([json({ tasks: [] })]);
    for (const [operation, call] of [
      ["getSecret", () => client.getSecret("x")],
      ["deleteSecret", () => client.startDeleteSecret("x")],
      ["deleteSecret", () => client.deleteSecret("x")],
    ] as const)
      expect(await failure(call()), operation).toMatchObject({ code: "ERR_VALIDATION", field: "id", operation });
    expect(fetch.requests).toHaveLength(0);
  });
});
