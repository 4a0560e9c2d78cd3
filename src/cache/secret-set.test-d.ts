// Type test: a set's keys and value types follow its map (a string, or what the parser returns).
import { describe, expectTypeOf, it } from "vitest";
import type { DaprClient } from "../providers/dapr/client.js";
import { defineSecretSet } from "./secret-set.js";

declare const dapr: DaprClient;

describe("defineSecretSet types", () => {
  it("keys and value types follow the map", async () => {
    const set = defineSecretSet(
      {
        password: "dapr://vault/db",
        port: { reference: "dapr://vault/port", parse: Number },
        flags: { reference: "dapr://vault/flags", parse: (value: string) => value.split(",") },
        plain: { reference: "dapr://vault/plain" },
      },
      { dapr },
    );
    const values = await set.load();
    expectTypeOf(values).toEqualTypeOf<{
      readonly password: string;
      readonly port: number;
      readonly flags: string[];
      readonly plain: string;
    }>();
    // @ts-expect-error: no such key in the set
    values.missing;
    // @ts-expect-error: values are read-only
    values.port = 1;
  });
});
