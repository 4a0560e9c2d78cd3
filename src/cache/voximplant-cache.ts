// The cache over a Voximplant client: getSecret and getSecretValue share entries; writes through it evict what they
// touch; a refresh asks GetSecrets (one call per application) whether the value changed before reading it again.
import type { VoximplantClient, VoximplantSecret } from "../providers/voximplant/client.js";
import { answer } from "./abortable.js";
import type { CacheEngine } from "./cache-engine.js";
import { type CachedClient, baseUrlOf, cacheControls, nameTag } from "./controls.js";
import { createChangeDetection } from "./change-detection.js";
import type { ResolvedCacheOptions } from "./options.js";
import { sizeOf } from "./sizes.js";

type Ref = Parameters<VoximplantClient["getSecret"]>[0];
const idTag = (id: number) => `id:${id}`;
const applicationTag = (application: Ref["application"]) => `application:${JSON.stringify(application ?? null)}`;

export function cacheVoximplant(
  client: VoximplantClient,
  engine: CacheEngine,
  options: ResolvedCacheOptions,
): CachedClient<VoximplantClient> {
  const prefix = `voximplant ${JSON.stringify(baseUrlOf(client))} `;
  const changes = createChangeDetection(client, engine, options);
  const read = <Answer>(ref: Ref, signal: AbortSignal | undefined, copy: (secret: VoximplantSecret) => Answer) => {
    const key = `${prefix}${JSON.stringify(ref.application ?? null)} ${ref.name === undefined ? `#${ref.id}` : JSON.stringify(ref.name)}`;
    const result = engine.get<VoximplantSecret>(key, () => ({
      key,
      tags: [applicationTag(ref.application), ref.name === undefined ? idTag(ref.id) : nameTag(ref.name)],
      tagsOf: (secret: VoximplantSecret) => [nameTag(secret.name), idTag(secret.id)],
      load: async (previous: VoximplantSecret | undefined) =>
        previous && (await changes.unchanged(ref.application, previous)) ? previous : client.getSecret(ref),
      sizeOf,
    }));
    return answer(result, copy, { provider: "voximplant", operation: "GetSecretValue", signal });
  };
  /** A write evicts what it touches, whatever its outcome (a lost answer may have been applied). */
  const writing = async <T>(tags: string[], write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } finally {
      for (const tag of tags) engine.invalidate(tag);
    }
  };
  const refTags = (ref: { id?: number | undefined; name?: string | undefined }) =>
    ref.name === undefined ? (ref.id === undefined ? [] : [idTag(ref.id)]) : [nameTag(ref.name)];
  return {
    provider: "voximplant",
    get api() {
      return client.api;
    },
    getSecret: (ref, callOptions) => read(ref, callOptions?.signal, (secret) => ({ ...secret })),
    getSecretValue: (name, readOptions) => read({ name }, readOptions?.signal, (secret) => secret.value),
    listSecrets: (listOptions) => client.listSecrets(listOptions),
    addSecret: (input, callOptions) => writing([nameTag(input.name)], () => client.addSecret(input, callOptions)),
    upsertSecret: (input, callOptions) => writing([nameTag(input.name)], () => client.upsertSecret(input, callOptions)),
    setSecret: (name, value, callOptions) => writing([nameTag(name)], () => client.setSecret(name, value, callOptions)),
    updateSecret: (ref, callOptions) =>
      writing([...refTags(ref), ...(ref.newName === undefined ? [] : [nameTag(ref.newName)])], () => client.updateSecret(ref, callOptions)),
    deleteSecret: (name, callOptions) => writing([nameTag(name)], () => client.deleteSecret(name, callOptions)),
    deleteSecrets: (target, callOptions) => {
      if ("all" in target) return writing([], () => client.deleteSecrets(target, callOptions)).finally(() => engine.clear());
      const tags = "ids" in target ? target.ids.map(idTag) : target.names.map(nameTag);
      return writing(tags, () => client.deleteSecrets(target, callOptions));
    },
    cache: cacheControls(engine, options),
  };
}
