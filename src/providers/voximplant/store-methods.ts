// The capability interface's methods (SecretReader, SecretWriter, SecretDeleter) and upsert, built on the operations.
import { NotFoundError } from "../../core/errors.js";
import { addSecret, deleteSecrets, getSecret, updateSecret, type VoximplantContext } from "./operations.js";
import type { VoximplantClient } from "./types.js";

type Method<Name extends keyof VoximplantClient> = VoximplantClient[Name];

export async function getSecretValue(
  context: VoximplantContext,
  ...[name, options]: Parameters<Method<"getSecretValue">>
): Promise<string> {
  return (await getSecret(context, { name }, options)).value;
}

/** Updates the secret's value (and description), or adds it when SetSecretInfo finds no such secret. */
export async function upsertSecret(
  context: VoximplantContext,
  ...[input, options]: Parameters<Method<"upsertSecret">>
): ReturnType<Method<"upsertSecret">> {
  try {
    await updateSecret(context, input, options);
    return { action: "updated" };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return { action: "added", id: (await addSecret(context, input, options)).id };
  }
}

export async function setSecret(context: VoximplantContext, ...[name, value, options]: Parameters<Method<"setSecret">>): Promise<void> {
  await upsertSecret(context, { name, value }, options);
}

export async function deleteSecret(context: VoximplantContext, ...[name, options]: Parameters<Method<"deleteSecret">>): Promise<void> {
  await deleteSecrets(context, { names: [name] }, options);
}
