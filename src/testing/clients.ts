// Test helper: each vendor's client on a scripted fetch, with the settings the unit tests share (no retries, no
// environment, a test address), and what the tests read back: the requests, Voximplant's forms, each call's path.
import { createDaprClient, type DaprClientOptions } from "../providers/dapr/client.js";
import { createGcoreClient, type GcoreClientOptions } from "../providers/gcore/client.js";
import { createVoximplantClient, type VoximplantClientOptions } from "../providers/voximplant/client.js";
import { observedFetch, testRsaKey, type Reply } from "./observed-fetch.js";

/** The error a promise rejects with, or undefined when it resolves. */
export const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

export function daprOn(replies: Reply[], options: Partial<DaprClientOptions> = {}) {
  const fetch = observedFetch(...replies);
  return {
    client: createDaprClient({ baseUrl: "http://127.0.0.1:3500", store: "vault", fetch, maxRetries: 0, env: {}, ...options }),
    fetch,
  };
}

export function gcoreOn(replies: Reply[], options: Partial<GcoreClientOptions> = {}) {
  const fetch = observedFetch(...replies);
  const client = createGcoreClient({
    baseUrl: "https://gcore.test",
    apiKey: "key-1",
    projectId: 1,
    regionId: 76,
    fetch,
    maxRetries: 0,
    env: {},
    ...options,
  });
  const calls = () =>
    fetch.requests.map((request) => {
      const url = new URL(request.url);
      return `${request.method} ${url.pathname}${url.search}`;
    });
  return { client, fetch, calls };
}

let voximplantKey: string | undefined;
/** Credentials with a key made once per test file (at its first use). */
export const voximplantCredentials = () => ({
  accountId: 99,
  keyId: "kid",
  privateKey: (voximplantKey ??= testRsaKey().privateKeyPem),
});

export function voximplantOn(replies: Reply[], options: Partial<VoximplantClientOptions> = {}) {
  const fetch = observedFetch(...replies);
  const client = createVoximplantClient({
    baseUrl: "https://vox.test/platform_api",
    credentials: voximplantCredentials(),
    application: { id: 7 },
    fetch,
    maxRetries: 0,
    env: {},
    ...options,
  });
  return {
    client,
    fetch,
    form: (index = 0) => Object.fromEntries(new URLSearchParams(fetch.bodies[index])),
    calls: () => fetch.requests.map((request) => new URL(request.url).pathname.replace("/platform_api/", "")),
  };
}
