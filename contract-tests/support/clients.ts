// The three clients as the contract tests build them: mock mode with test-time keys and fixed
// locations, live mode from the vendor environment variables, always through the given fetch.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import {
  createDaprClient,
  createGcoreClient,
  createVoximplantClient,
  type DaprClient,
  type GcoreClient,
  type VoximplantClient,
} from "../../src/index.js";

export interface Clients {
  voximplant: VoximplantClient;
  dapr: DaprClient;
  gcore: GcoreClient;
}
export type AnyClient = Clients[keyof Clients];

export interface ClientSetup {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  /** Default 0 in the tests: a retry would only repeat the same mock answer, slowly. */
  maxRetries?: number | undefined;
  /** Build the client from this environment (live mode: process.env, or the emulators') instead of the mock settings. */
  live?: Record<string, string | undefined> | undefined;
}

let rsaKey: string | undefined;
/** An RSA 2048 key made once per test worker; never written anywhere. */
export function testPrivateKey(): string {
  rsaKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return rsaKey;
}

/** Test-time PEM inputs for Gcore uploads: a freshly generated key and a random (not a real) certificate. */
export const pem = {
  get certificate(): string {
    const body = randomBytes(96)
      .toString("base64")
      .replace(/(.{64})/g, "$1\n");
    return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
  },
  get privateKey(): string {
    return testPrivateKey();
  },
};

export function voximplantClient(setup: ClientSetup): VoximplantClient {
  const common = { baseUrl: setup.baseUrl, fetch: setup.fetch, maxRetries: setup.maxRetries ?? 0 };
  if (setup.live) return createVoximplantClient({ ...common, env: setup.live });
  return createVoximplantClient({
    ...common,
    credentials: { accountId: 1, keyId: "contract-test-key", privateKey: testPrivateKey() },
    application: { id: 1 },
    env: {},
  });
}

export function daprClient(setup: ClientSetup): DaprClient {
  const common = { baseUrl: setup.baseUrl, fetch: setup.fetch, maxRetries: setup.maxRetries ?? 0 };
  if (setup.live) return createDaprClient({ ...common, store: setup.live.CONTRACT_DAPR_STORE ?? "", env: setup.live });
  return createDaprClient({ ...common, store: "vault", env: {} });
}

export function gcoreClient(setup: ClientSetup): GcoreClient {
  const common = { baseUrl: setup.baseUrl, fetch: setup.fetch, maxRetries: setup.maxRetries ?? 0 };
  if (setup.live) return createGcoreClient({ ...common, env: setup.live });
  return createGcoreClient({ ...common, apiKey: "contract-test", projectId: 1, regionId: 1, env: {} });
}

export const clientFactories: { [P in keyof Clients]: (setup: ClientSetup) => Clients[P] } = {
  voximplant: voximplantClient,
  dapr: daprClient,
  gcore: gcoreClient,
};
