// The client's defaults from its options and the environment: credentials (read at the first call) and the application.
import { ConfigurationError } from "../../core/errors.js";
import { resolveCredential, type Environment } from "../../core/options.js";
import { parsePositiveInteger } from "../../core/validate.js";
import { readVoximplantCredentialsFile, type VoximplantCredentials } from "./credentials.js";
import type { VoximplantApplication, VoximplantClientOptions } from "./types.js";

export function credentialSource(options: VoximplantClientOptions, env: Environment): () => Promise<VoximplantCredentials> {
  if (options.credentials !== undefined) return () => resolveCredential(options.credentials!);
  const file = options.credentialsFile ?? env.VOXIMPLANT_CREDENTIALS;
  if (!file)
    throw new ConfigurationError(
      "no credentials: pass option credentials or credentialsFile, or set VOXIMPLANT_CREDENTIALS to the path of credentials.json",
      { provider: "voximplant" },
    );
  // Read for each signature (every few minutes), never kept: a rotated file is picked up by the next signature, the
  // PEM is not held between them, and a failed read is tried again next time. Concurrent callers share one read.
  let loading: Promise<VoximplantCredentials> | undefined;
  return () => {
    loading ??= readVoximplantCredentialsFile(file).finally(() => {
      loading = undefined;
    });
    return loading;
  };
}

export function defaultApplication(options: VoximplantClientOptions, env: Environment): VoximplantApplication | undefined {
  if (options.application) return options.application;
  if (env.VOXIMPLANT_APPLICATION_ID) {
    const id = parsePositiveInteger(env.VOXIMPLANT_APPLICATION_ID);
    if (id === undefined) throw new ConfigurationError("VOXIMPLANT_APPLICATION_ID must be a positive integer", { provider: "voximplant" });
    return { id };
  }
  return env.VOXIMPLANT_APPLICATION_NAME ? { name: env.VOXIMPLANT_APPLICATION_NAME } : undefined;
}
