// Type tests: the public surface and the capability split (unsupported operations do not compile).
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type { paths as DaprPaths } from "../generated/dapr.js";
import type { paths as GcorePaths } from "../generated/gcore.js";
import type { paths as VoximplantPaths } from "../generated/voximplant.js";
import type {
  DaprClient,
  GcoreClient,
  SecretDeleter,
  SecretLister,
  SecretReader,
  SecretStore,
  SecretWriter,
  VoximplantClient,
} from "./index.js";
import {
  type AbortedError,
  createDaprClient,
  createGcoreClient,
  createVoximplantClient,
  type NotFoundError,
  type RateLimitedError,
  type SecretsError,
  type SecretsErrorCode,
} from "./index.js";

declare const voximplant: VoximplantClient;
declare const dapr: DaprClient;
declare const gcore: GcoreClient;

describe("capabilities", () => {
  it("Voximplant is a full store", () => {
    expectTypeOf(voximplant).toMatchTypeOf<SecretStore>();
    expectTypeOf(createVoximplantClient).returns.toEqualTypeOf<VoximplantClient>();
  });

  it("Dapr reads and lists; writing or deleting does not compile", () => {
    expectTypeOf(dapr).toMatchTypeOf<SecretReader & SecretLister>();
    expectTypeOf(dapr).not.toMatchTypeOf<SecretWriter>();
    expectTypeOf(dapr).not.toMatchTypeOf<SecretDeleter>();
    // @ts-expect-error Dapr's secrets API is read-only.
    dapr.setSecret("a", "b");
    // @ts-expect-error Dapr's secrets API is read-only.
    dapr.deleteSecret("a");
    expectTypeOf(createDaprClient).returns.toEqualTypeOf<DaprClient>();
  });

  it("Gcore lists and deletes; reading a value does not compile", () => {
    expectTypeOf(gcore).toMatchTypeOf<SecretLister & SecretDeleter>();
    expectTypeOf(gcore).not.toMatchTypeOf<SecretReader>();
    // @ts-expect-error Gcore payloads are write-only.
    gcore.getSecretValue("a");
    expectTypeOf(createGcoreClient).returns.toEqualTypeOf<GcoreClient>();
  });

  it("code written once against a capability accepts every provider that has it", () => {
    const readAll = (stores: SecretReader[]) => stores.map((store) => store.getSecretValue("x"));
    readAll([voximplant, dapr]);
    // @ts-expect-error Gcore cannot read.
    readAll([gcore]);
    const listAll = (stores: SecretLister[]) => stores;
    listAll([voximplant, dapr, gcore]);
  });
});

describe("friendly methods", () => {
  it("return the project's types, with Date timestamps", () => {
    expectTypeOf(voximplant.getSecret).returns.resolves.toHaveProperty("createdAt").toEqualTypeOf<Date | undefined>();
    expectTypeOf(voximplant.getSecret).returns.resolves.toHaveProperty("value").toEqualTypeOf<string>();
    expectTypeOf(gcore.getSecret).returns.resolves.toHaveProperty("expiresAt").toEqualTypeOf<Date | undefined>();
    expectTypeOf(dapr.getSecret).returns.resolves.toEqualTypeOf<Record<string, string>>();
  });

  it("need exactly one of id or name", () => {
    voximplant.getSecret({ id: 1 });
    voximplant.getSecret({ name: "a" });
    // @ts-expect-error both id and name.
    voximplant.getSecret({ id: 1, name: "a" });
    // @ts-expect-error neither.
    voximplant.getSecret({});
  });

  it("expose the raw typed client for every operation", () => {
    expectTypeOf(voximplant.api).toEqualTypeOf<Client<VoximplantPaths>>();
    expectTypeOf(dapr.api).toEqualTypeOf<Client<DaprPaths>>();
    expectTypeOf(gcore.api).toEqualTypeOf<Client<GcorePaths>>();
    expectTypeOf<keyof VoximplantPaths>().toEqualTypeOf<
      // `/` is the official SDKs' form (POST /platform_api with cmd=<Method>), described for the contract tests.
      "/AddSecret" | "/GetSecretValue" | "/GetSecrets" | "/SetSecretInfo" | "/DelSecret" | "/"
    >();
    expectTypeOf<keyof DaprPaths>().toEqualTypeOf<
      "/v1.0/secrets/{store}/bulk" | "/v1.0/secrets/{store}/{name}" | "/v1.0/healthz/outbound"
    >();
    // The security scheme replaced the vendor's Authorization header parameter: calls do not demand it.
    expectTypeOf<VoximplantPaths["/AddSecret"]["post"]["parameters"]["header"]>().toEqualTypeOf<undefined>();
    voximplant.api.POST("/GetSecretValue", { body: { application_id: 1, secret_id: 10 } });
  });
});

describe("errors", () => {
  it("have a code union and subclasses", () => {
    expectTypeOf<SecretsError["code"]>().toEqualTypeOf<SecretsErrorCode>();
    expectTypeOf<NotFoundError>().toMatchTypeOf<SecretsError>();
    expectTypeOf<RateLimitedError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<AbortedError>().toMatchTypeOf<Error>();
  });
});
