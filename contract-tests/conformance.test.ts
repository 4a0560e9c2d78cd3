// Runs the shared conformance suite against each provider's mock, by capability: Voximplant read, list,
// write and delete; Dapr read and list; Gcore list and delete. Expected data comes from the spec examples.
import { daprClient, gcoreClient, voximplantClient } from "./support/clients.js";
import { mockUrl } from "./support/context.js";
import { exampleOf } from "./support/specs.js";
import { describeConformance } from "./conformance/suite.js";

const voximplantSecret = (
  exampleOf("voximplant", "get-secret-value", "200", "secret") as { result: { secret_name: string; secret_value: string } }
).result;
const voximplantPage = (exampleOf("voximplant", "get-secrets", "200", "page") as { result: Array<{ secret_name: string }> }).result;
describeConformance({
  provider: "voximplant",
  create: (fetch) => voximplantClient({ baseUrl: mockUrl("voximplant"), fetch }),
  read: {
    existing: { name: voximplantSecret.secret_name, value: voximplantSecret.secret_value },
    // 496 for the read, then GetSecrets (the lookup that confirms it) lists nothing.
    missing: { prefer: { "get-secret-value": "example=notFound", "get-secrets": "example=empty" } },
    unauthenticated: { prefer: "example=authFailed" },
  },
  list: {
    keys: voximplantPage.map((secret) => secret.secret_name),
    empty: { prefer: "example=empty" },
    unauthenticated: { prefer: "example=authFailed" },
  },
  write: {
    name: voximplantSecret.secret_name,
    value: "rotated value ✓",
    absent: { prefer: { "set-secret-info": "example=notFound", "get-secrets": "example=empty" } },
    unauthenticated: { prefer: "example=authFailed" },
  },
  delete: {
    name: voximplantSecret.secret_name,
    missing: { prefer: { "del-secret": "example=notFound", "get-secrets": "example=empty" } },
    unauthenticated: { prefer: "example=authFailed" },
  },
});

const [daprName, daprValue] = Object.entries(exampleOf("dapr", "getSecret", "200", "single") as Record<string, string>)[0]!;
const daprBulk = exampleOf("dapr", "getBulkSecret", "200", "two") as Record<string, unknown>;
// The docs: 204 "Secret not found"; a wrong dapr-api-token: 401 text/plain.
const daprUnauthenticated = { prefer: "code=401", accept: "text/plain" };
describeConformance({
  provider: "dapr",
  create: (fetch) => daprClient({ baseUrl: mockUrl("dapr"), fetch }),
  read: { existing: { name: daprName, value: daprValue }, missing: { prefer: "code=204" }, unauthenticated: daprUnauthenticated },
  list: { keys: Object.keys(daprBulk).sort(), empty: { prefer: "code=204" }, unauthenticated: daprUnauthenticated },
});

const gcoreSecret = exampleOf("gcore", "SecretViewSet.get", "200", "certificate") as { id: string };
const gcorePage = (exampleOf("gcore", "SecretsViewSet.get", "200", "page") as { results: Array<{ id: string }> }).results;
// A Gcore secret's key is its id; its name is a display name.
describeConformance({
  provider: "gcore",
  create: (fetch) => gcoreClient({ baseUrl: mockUrl("gcore"), fetch }),
  list: { keys: gcorePage.map((secret) => secret.id), empty: { prefer: "example=empty" }, unauthenticated: { prefer: "code=401" } },
  delete: { name: gcoreSecret.id, missing: { prefer: "code=404" }, unauthenticated: { prefer: "code=401" } },
});
