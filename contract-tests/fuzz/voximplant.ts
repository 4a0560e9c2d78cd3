// Fuzz targets of the Voximplant facade: names at and past 64 characters, values at and past 8192,
// unicode, ids that are not integers, missing and doubled id/name, and the wire request for each.
import fc from "fast-check";
import type { VoximplantClient } from "../../src/index.js";
import { DEVIATIONS } from "./deviations.js";
import type { Deviation, FuzzTarget } from "./harness.js";
import type { StrictFetch } from "../support/strict-fetch.js";
import { anyId, hostileString, isNonPositiveInteger, loneSurrogate, sized, unsafeNumber } from "./inputs.js";

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** The documented name rule (docs and apis.md), which the facade applies to every name it sends. */
const nameRule = (name: unknown) =>
  typeof name === "string" && NAME.test(name) ? undefined : "docs: a secret name is ^[A-Za-z][A-Za-z0-9_]{0,63}$";
const first = (...rules: Array<string | undefined>) => rules.find((rule) => rule !== undefined);
const app = { application_id: 1 };

const name = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(NAME) },
  { weight: 1, arbitrary: fc.constantFrom(64, 65, 1000).map((length) => `a${sized(length - 1, "B_9")}`) },
  { weight: 1, arbitrary: hostileString() },
);
const value = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom(8191, 8192, 8193, 100_000).map((length) => sized(length)) },
  { weight: 1, arbitrary: fc.integer({ min: 4000, max: 8300 }).map((count) => "😀".repeat(count)) },
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: loneSurrogate() },
);
const description = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom(200, 201, 5000).map((length) => sized(length, "ü")) },
  { weight: 1, arbitrary: fc.constant("") },
);
type Ref = { id?: number; name?: string };
const ref: fc.Arbitrary<Ref> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ id: anyId() }) },
  { weight: 4, arbitrary: fc.record({ name }) },
  { weight: 1, arbitrary: fc.record({ id: anyId(), name }) },
  { weight: 1, arbitrary: fc.constant({}) },
);
const refRule = (given: Ref) =>
  first(
    given.id !== undefined && given.name !== undefined
      ? "facade type VoximplantSecretRef: id or name, not both"
      : given.id === undefined && given.name === undefined
        ? "facade type VoximplantSecretRef: id or name is required"
        : undefined,
    unsafeNumber(given.id),
    given.name === undefined ? undefined : nameRule(given.name),
  );
const refWire = (given: Ref) => ({
  ...(given.id === undefined ? {} : { secret_id: given.id }),
  ...(given.name === undefined ? {} : { secret_name: given.name }),
});
const _codePoints = (text: string) => [...text].length;
const compact = <T extends object>(body: T) =>
  Object.fromEntries(Object.entries(body).filter(([, field]) => field !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };

const longDescription: Deviation<{ description?: string }> = {
  bug: DEVIATIONS.longDescription,
  matches: (input) => (input.description?.length ?? 0) > 200,
};
const nonPositive: Deviation<{ id?: number; ids?: number[] }> = {
  bug: DEVIATIONS.nonPositiveId,
  matches: (input) => isNonPositiveInteger(input.id) || (input.ids ?? []).some(isNonPositiveInteger),
};

/** The form body must carry exactly the strings the caller gave. */
function unfaithful(fetch: StrictFetch, expected: Record<string, string | undefined>): string | undefined {
  const form = new URLSearchParams(fetch.exchanges[0]?.requestBody ?? "");
  const wrong = Object.entries(expected).filter(([field, given]) => given !== undefined && form.get(field) !== given);
  return wrong.length ? `form fields ${wrong.map(([field]) => field).join(", ")} differ from the input` : undefined;
}

type Target<Input> = FuzzTarget<"voximplant", Input>;
type AddInput = { name: string; value: string; description?: string };
type UpdateInput = Ref & { newName?: string; value?: string; description?: string };
type ListInput = { namePart?: string; pageSize?: number; application?: { id?: number; name?: string } };
type DeleteInput = { ids?: number[]; names?: string[]; all?: unknown };

export const voximplantTargets = [
  {
    provider: "voximplant",
    method: "addSecret",
    runs: 100,
    input: fc.record({ name, value, description }, { requiredKeys: ["name", "value"] }),
    call: (client: VoximplantClient, input: AddInput) => client.addSecret(input),
    forbiddenBy: (input: AddInput) => nameRule(input.name),
    wire: (client: VoximplantClient, input: AddInput) =>
      client.api.POST("/AddSecret", {
        body: {
          ...app,
          secret_name: input.name,
          secret_value: input.value,
          ...(input.description === undefined ? {} : { description: input.description }),
        },
      }),
    deviations: [longDescription],
    unfaithful: (fetch: StrictFetch, input: AddInput) =>
      unfaithful(fetch, { secret_name: input.name, secret_value: input.value, description: input.description }),
  } satisfies Target<AddInput>,
  {
    provider: "voximplant",
    method: "getSecret",
    runs: 100,
    input: ref,
    call: (client: VoximplantClient, input: Ref) => client.getSecret(input as { id: number }),
    forbiddenBy: refRule,
    wire: (client: VoximplantClient, input: Ref) => client.api.POST("/GetSecretValue", { body: { ...app, ...refWire(input) } }),
    deviations: [nonPositive],
  } satisfies Target<Ref>,
  {
    provider: "voximplant",
    method: "listSecrets",
    runs: 90,
    input: fc.record(
      {
        namePart: fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 70 }) }, { weight: 1, arbitrary: hostileString() }),
        pageSize: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }) },
          { weight: 1, arbitrary: fc.constantFrom(0, -1, 1001, 5000, 1.5) },
        ),
        application: fc.oneof(
          { weight: 4, arbitrary: fc.record({ id: anyId() }) },
          { weight: 2, arbitrary: fc.record({ name: hostileString() }) },
          { weight: 1, arbitrary: fc.record({ id: anyId(), name: fc.string() }) },
        ),
      },
      { requiredKeys: [] },
    ),
    call: (client: VoximplantClient, input: ListInput) => client.listSecrets(input as Parameters<VoximplantClient["listSecrets"]>[0]),
    forbiddenBy: (input: ListInput) =>
      first(
        input.application && input.application.id !== undefined && input.application.name !== undefined
          ? "facade type VoximplantApplication: id or name, not both"
          : undefined,
        unsafeNumber(input.application?.id),
      ),
    wire: (client: VoximplantClient, input: ListInput) =>
      client.api.POST("/GetSecrets", {
        body: {
          ...(input.application ? { application_id: input.application.id, application_name: input.application.name } : app),
          secret_name_part: input.namePart,
          count: input.pageSize ?? 100,
          offset: 0,
        } as never,
      }),
    deviations: [{ bug: DEVIATIONS.nonPositiveId, matches: (input: ListInput) => isNonPositiveInteger(input.application?.id) }],
  } satisfies Target<ListInput>,
  {
    provider: "voximplant",
    method: "updateSecret",
    runs: 100,
    input: fc
      .tuple(ref, fc.record({ newName: name, value, description }, { requiredKeys: [] }))
      .map(([target, changes]) => ({ ...target, ...changes })),
    call: (client: VoximplantClient, input: UpdateInput) => client.updateSecret(input as Parameters<VoximplantClient["updateSecret"]>[0]),
    forbiddenBy: (input: UpdateInput) => first(refRule(input), input.newName === undefined ? undefined : nameRule(input.newName)),
    wire: (client: VoximplantClient, input: UpdateInput) =>
      client.api.POST("/SetSecretInfo", {
        body: compact({
          ...app,
          ...refWire(input),
          new_secret_name: input.newName,
          secret_value: input.value,
          description: input.description,
        }),
      }),
    deviations: [longDescription, nonPositive],
    unfaithful: (fetch: StrictFetch, input: UpdateInput) =>
      unfaithful(fetch, {
        secret_name: input.name,
        new_secret_name: input.newName,
        secret_value: input.value,
        description: input.description,
      }),
  } satisfies Target<UpdateInput>,
  {
    provider: "voximplant",
    method: "deleteSecrets",
    runs: 100,
    input: fc.oneof(
      { weight: 4, arbitrary: fc.record({ ids: fc.array(anyId(), { maxLength: 5 }) }) },
      { weight: 4, arbitrary: fc.record({ names: fc.array(name, { maxLength: 5 }) }) },
      { weight: 1, arbitrary: fc.record({ all: fc.constantFrom(true, false, "yes") }) },
      { weight: 1, arbitrary: fc.record({ ids: fc.array(anyId(), { maxLength: 2 }), names: fc.array(name, { maxLength: 2 }) }) },
      { weight: 1, arbitrary: fc.constant({}) },
    ),
    call: (client: VoximplantClient, input: DeleteInput) => client.deleteSecrets(input as { all: true }),
    forbiddenBy: (input: DeleteInput) => {
      const given = (["ids", "names", "all"] as const).filter((key) => input[key] !== undefined);
      if (given.length !== 1) return "facade type: exactly one of ids, names or all";
      if (input.all !== undefined && input.all !== true) return "facade type: all is true";
      return first(...(input.ids ?? []).map(unsafeNumber), ...(input.names ?? []).map(nameRule));
    },
    wire: (client: VoximplantClient, input: DeleteInput) =>
      client.api.POST("/DelSecret", {
        body: {
          ...app,
          ...(input.ids ? { secret_id: input.ids.join(";") } : input.names ? { secret_name: input.names.join(";") } : { secret_id: "all" }),
        },
      }),
    deviations: [nonPositive],
  } satisfies Target<DeleteInput>,
  {
    provider: "voximplant",
    method: "getSecretValue",
    runs: 60,
    input: name,
    call: (client: VoximplantClient, input: string) => client.getSecretValue(input),
    forbiddenBy: nameRule,
    wire: (client: VoximplantClient, input: string) => client.api.POST("/GetSecretValue", { body: { ...app, secret_name: input } }),
  } satisfies Target<string>,
  {
    provider: "voximplant",
    method: "setSecret",
    runs: 60,
    input: fc.record({ name, value }),
    call: (client: VoximplantClient, input: { name: string; value: string }) => client.setSecret(input.name, input.value),
    forbiddenBy: (input: { name: string }) => nameRule(input.name),
    wire: (client: VoximplantClient, input: { name: string; value: string }) =>
      client.api.POST("/SetSecretInfo", { body: { ...app, secret_name: input.name, secret_value: input.value } }),
    unfaithful: (fetch: StrictFetch, input: { name: string; value: string }) =>
      unfaithful(fetch, { secret_name: input.name, secret_value: input.value }),
  } satisfies Target<{ name: string; value: string }>,
  {
    provider: "voximplant",
    method: "deleteSecret",
    runs: 60,
    input: name,
    call: (client: VoximplantClient, input: string) => client.deleteSecret(input),
    // "a;b" passes DelSecret's list pattern, but names two secrets: the name rule forbids it.
    forbiddenBy: nameRule,
    wire: (client: VoximplantClient, input: string) => client.api.POST("/DelSecret", { body: { ...app, secret_name: input } }),
  } satisfies Target<string>,
];
