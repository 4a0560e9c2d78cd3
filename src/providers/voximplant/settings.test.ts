// settings.ts: the client's default application, from the call, the option or the environment.
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../core/errors.js";
import { json, observedFetch } from "../../testing/observed-fetch.js";
import { createVoximplantClient, type VoximplantClientOptions } from "./client.js";
import { failure, voximplantCredentials, voximplantOn } from "../../testing/clients.js";

const credentials = voximplantCredentials();

const voximplant = voximplantOn;

describe("the application", () => {
  it("from the call, else the option, else VOXIMPLANT_APPLICATION_ID, else VOXIMPLANT_APPLICATION_NAME", async () => {
    const fetch = observedFetch(json({ result: 1 }));
    const make = (options: Partial<VoximplantClientOptions>) =>
      createVoximplantClient({ baseUrl: "https://vox.test/platform_api", credentials, fetch, env: {}, ...options });
    await make({ env: { VOXIMPLANT_APPLICATION_ID: "12", VOXIMPLANT_APPLICATION_NAME: "by-name" } }).deleteSecret("a");
    await make({ env: { VOXIMPLANT_APPLICATION_NAME: "by-name" } }).deleteSecret("a");
    await make({ application: { name: "option" }, env: { VOXIMPLANT_APPLICATION_ID: "12" } }).deleteSecret("a");
    await make({ application: { name: "option" } }).deleteSecrets({ names: ["a"], application: { id: 3 } });
    const forms = fetch.bodies.map((body) => Object.fromEntries(new URLSearchParams(body)));
    expect(forms.map(({ application_id, application_name }) => application_id ?? application_name)).toEqual([
      "12",
      "by-name",
      "option",
      "3",
    ]);
  });

  it("none anywhere is a configuration error naming every source; a malformed one names its field", async () => {
    const { client, fetch } = voximplant([json({ result: 1 })], { application: undefined as never });
    const missing = await failure(client.getSecretValue("a"));
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing).toMatchObject({
      operation: "GetSecretValue",
      message:
        "voximplant GetSecretValue: no application: pass option application, the call's application, " +
        "or set VOXIMPLANT_APPLICATION_ID or VOXIMPLANT_APPLICATION_NAME",
    });
    expect(await failure(client.getSecret({ name: "a", application: { id: 0 } }))).toMatchObject({ field: "application.id" });
    expect(await failure(client.getSecret({ name: "a", application: { name: 5 as never } }))).toMatchObject({ field: "application.name" });
    expect(fetch.requests).toHaveLength(0);
    expect(() => voximplant([], { application: undefined as never, env: { VOXIMPLANT_APPLICATION_ID: "0" } })).toThrow(
      new ConfigurationError("VOXIMPLANT_APPLICATION_ID must be a positive integer", { provider: "voximplant" }),
    );
  });
});
