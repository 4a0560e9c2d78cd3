// The five secrets methods of the Voximplant emulator over its store: parameters as the docs and the official Node
// SDK name them, errors as HTTP 200 `{error: {code, msg}}`, and the guesses (codes, shapes, page sizes) as options.
import type { Reply } from "./server.js";
import {
  type EmulatedApplication,
  type EmulatedSecret,
  MAX_DESCRIPTION,
  MAX_VALUE,
  NAME,
  timestamp,
  type VoximplantStore,
} from "./voximplant-store.js";

/**
 * The Voximplant emulator's operations: the API's method names.
 *
 * @example
 * ```ts
 * voximplant.faults.inject("DelSecret", { kind: "vendor-error", code: 104, message: "Forbidden command" });
 * ```
 */
export type VoximplantOperation = "AddSecret" | "GetSecrets" | "GetSecretValue" | "SetSecretInfo" | "DelSecret";
export const VOXIMPLANT_OPERATIONS: readonly VoximplantOperation[] = [
  "AddSecret",
  "GetSecrets",
  "GetSecretValue",
  "SetSecretInfo",
  "DelSecret",
];

/**
 * Codes no document names for secrets (UNVERIFIED): what the emulator answers, each replaceable.
 *
 * @example
 * ```ts
 * await startVoximplantEmulator({ errorCodes: { nameTaken: 496, unknownApplication: 107 } });
 * ```
 */
export interface VoximplantErrorCodes {
  /** A name already taken in the application. Default 493. */
  nameTaken?: number;
  /** An application that does not exist. Default 116. */
  unknownApplication?: number;
}

export interface MethodSettings {
  notFoundCode?: 341 | 496 | undefined;
  resultShape?: "object" | "array" | undefined;
  pageSize?: { default?: number; max?: number } | undefined;
  deleteMissing?: "refuse" | "ignore" | undefined;
  errorCodes?: VoximplantErrorCodes | undefined;
}

export const failure = (code: number, msg: string): Reply => ({ status: 200, json: { error: { code, msg } } });
const done: Reply = { status: 200, json: { result: 1 } };

type Method = (params: URLSearchParams, app: EmulatedApplication) => Reply;

export function voximplantMethods(
  store: VoximplantStore,
  settings: MethodSettings,
  now: () => number,
): Record<VoximplantOperation, Method> {
  const notFound = () =>
    failure(settings.notFoundCode ?? 496, settings.notFoundCode === 341 ? "Secret not found" : "The 'secret_name' parameter is invalid.");
  const nameTaken = () => failure(settings.errorCodes?.nameTaken ?? 493, "Secret with this name already exists");
  const shape = (value: object) => (settings.resultShape === "array" ? [value] : value);
  const info = (secret: EmulatedSecret) => ({
    secret_id: secret.id,
    secret_name: secret.name,
    description: secret.description,
    created: secret.created,
    modified: secret.modified,
  });
  const tooLong = (value: string) => [...value].length > MAX_VALUE;

  return {
    AddSecret(params, app) {
      const name = params.get("secret_name");
      const value = params.get("secret_value");
      if (name === null || value === null) return failure(101, `Parameter ${name === null ? "secret_name" : "secret_value"} is required`);
      if (!NAME.test(name)) return failure(485, "Invalid secret_name");
      if (tooLong(value)) return failure(485, "Invalid secret_value");
      if (app.secrets.some((secret) => secret.name === name)) return nameTaken();
      const secret = store.add(app, { name, value, description: params.get("description") ?? undefined }, now());
      return { status: 200, json: { result: shape({ secret_id: secret.id }) } };
    },
    GetSecrets(params, app) {
      const part = params.get("secret_name_part");
      const pageDefault = settings.pageSize?.default ?? 20;
      const count = Math.min(Number(params.get("count") ?? pageDefault) || pageDefault, settings.pageSize?.max ?? 1000);
      const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
      const matching = app.secrets.filter((secret) => part === null || secret.name.includes(part));
      const page = matching.slice(offset, offset + count).map(info);
      return { status: 200, json: { result: page, count: page.length, total_count: matching.length } };
    },
    GetSecretValue(params, app) {
      const secret = store.find(app, params);
      if (!secret) return notFound();
      return { status: 200, json: { result: shape({ ...info(secret), secret_value: secret.value }) } };
    },
    SetSecretInfo(params, app) {
      const secret = store.find(app, params);
      if (!secret) return notFound();
      const newName = params.get("new_secret_name");
      const value = params.get("secret_value");
      if (newName !== null && !NAME.test(newName)) return failure(485, "Invalid new_secret_name");
      if (newName !== null && app.secrets.some((other) => other !== secret && other.name === newName)) return nameTaken();
      if (value !== null && tooLong(value)) return failure(485, "Invalid secret_value");
      if (newName !== null) secret.name = newName;
      if (value !== null) secret.value = value;
      const description = params.get("description");
      if (description !== null) secret.description = description.slice(0, MAX_DESCRIPTION);
      secret.modified = timestamp(now());
      return done;
    },
    DelSecret(params, app) {
      const ids = params.get("secret_id");
      const names = params.get("secret_name");
      if (ids === "all") {
        app.secrets.splice(0);
        return done;
      }
      const wanted = (ids ?? names ?? "").split(";");
      const targets = wanted.map((each) => app.secrets.find((secret) => (ids !== null ? String(secret.id) : secret.name) === each));
      const found = targets.filter((secret) => secret !== undefined);
      // UNVERIFIED: a list naming an unknown secret deletes nothing and answers "not found" (or, with "ignore", the rest go).
      if (found.length === 0 || (found.length < targets.length && settings.deleteMissing !== "ignore")) return notFound();
      for (const target of found) app.secrets.splice(app.secrets.indexOf(target), 1);
      return done;
    },
  };
}
