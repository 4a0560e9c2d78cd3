// `typed-secrets voximplant …`: every friendly method of the Voximplant client, one command each.
import type { VoximplantSecretInfo, VoximplantSecretRef } from "../providers/voximplant/client.js";
import {
  booleanOption,
  listOption,
  stringOption,
  type CommandContext,
  type CommandSpec,
  type GroupSpec,
  type OptionSpec,
  type ParsedCommand,
} from "./command.js";
import { connectVoximplant } from "./connect.js";
import { parsePositiveInteger } from "../core/validate.js";
import { UsageError } from "./exit-codes.js";
import { connectAndRead, VALUE_DETAILS, VALUE_OPTIONS, valueSource } from "./inputs.js";
import { formatTable } from "./output.js";

const APP: Record<string, OptionSpec> = {
  app: { type: "string", value: "NAME|ID", help: "the application (default: VOXIMPLANT_APPLICATION_NAME or VOXIMPLANT_APPLICATION_ID)" },
};
const ID: OptionSpec = { type: "string", value: "ID", help: "the secret's numeric id instead of its name" };
const DESCRIPTION: OptionSpec = { type: "string", value: "TEXT", help: "description (at most 200 characters)" };

const client = (context: CommandContext, args: ParsedCommand) => connectVoximplant(context, stringOption(args, "app"));

function secretId(text: string): number {
  const id = parsePositiveInteger(text);
  if (id === undefined) throw new UsageError(`--id ${text}: a secret id is a positive integer`);
  return id;
}

/** NAME (positional) or --id ID, exactly one. */
function secretRef(args: ParsedCommand): VoximplantSecretRef {
  const id = stringOption(args, "id");
  const name = args.positionals[0];
  if ((id === undefined) === (name === undefined))
    throw new UsageError(id === undefined ? "give the secret's NAME or --id ID" : "give NAME or --id ID, not both");
  return id === undefined ? { name: name! } : { id: secretId(id) };
}

const describeRef = (ref: VoximplantSecretRef) => (ref.id === undefined ? ref.name : `id ${ref.id}`);

const infoJson = (secret: VoximplantSecretInfo) => ({
  id: secret.id,
  name: secret.name,
  description: secret.description,
  createdAt: secret.createdAt,
  updatedAt: secret.updatedAt,
});

const list: CommandSpec = {
  name: "list",
  example: "typed-secrets voximplant list --app demo",
  summary: "list an application's secrets (ids, names, descriptions; never values)",
  usage: "[--app NAME|ID] [--name-part TEXT]",
  options: { ...APP, "name-part": { type: "string", value: "TEXT", help: "only secrets whose name contains TEXT" } },
  positionals: { min: 0, max: 0 },
  async run(context, args) {
    const voximplant = await client(context, args);
    const namePart = stringOption(args, "name-part");
    const secrets: VoximplantSecretInfo[] = [];
    for await (const secret of voximplant.listSecrets({ signal: context.signal, ...(namePart === undefined ? {} : { namePart }) }))
      secrets.push(secret);
    if (secrets.length === 0 && !context.out.json) context.out.note("voximplant: no secrets");
    const rows = secrets.map((secret) => [secret.id, secret.name, secret.description, secret.createdAt, secret.updatedAt]);
    context.out.data(secrets.length ? formatTable(["id", "name", "description", "created", "modified"], rows) : "", secrets.map(infoJson));
  },
};

const get: CommandSpec = {
  name: "get",
  example: "typed-secrets voximplant get apiKeyProd --app demo",
  summary: "print a secret's value alone on stdout",
  usage: "NAME | --id ID [--app NAME|ID] [--no-newline]",
  details: ["Prints the value and a newline (exactly the value with --no-newline); --json prints the whole secret."],
  options: { ...APP, id: ID, "no-newline": { type: "boolean", short: "n", help: "do not print a newline after the value" } },
  positionals: { min: 0, max: 1 },
  async run(context, args) {
    const ref = secretRef(args);
    const secret = await (await client(context, args)).getSecret(ref, { signal: context.signal });
    if (context.out.json) return context.out.data("", { ...infoJson(secret), value: secret.value });
    context.out.value(secret.value, !booleanOption(args, "no-newline"));
  },
};

const add: CommandSpec = {
  name: "add",
  example: "typed-secrets voximplant add apiKey --value-file value.txt --app demo",
  summary: "add a new secret (fails when the name is taken)",
  usage: "NAME (--value-file FILE | --value-stdin) [--description TEXT] [--app NAME|ID]",
  details: VALUE_DETAILS,
  options: { ...APP, ...VALUE_OPTIONS, description: DESCRIPTION },
  positionals: { min: 1, max: 1 },
  async run(context, args) {
    const name = args.positionals[0]!;
    const source = valueSource(args, context.io, context.out, context.signal, true)!;
    const description = stringOption(args, "description");
    const [voximplant, value] = await connectAndRead(source, () => client(context, args));
    const { id } = await voximplant.addSecret(
      { name, value, ...(description === undefined ? {} : { description }) },
      { signal: context.signal },
    );
    context.out.note(`voximplant: added secret ${name} (id ${id})`);
    if (context.out.json) context.out.data("", { action: "added", id, name });
  },
};

const set: CommandSpec = {
  name: "set",
  example: "printf 'new value' | typed-secrets voximplant set apiKey --value-stdin --app demo",
  summary: "set a secret's value: update it, or add it when it does not exist",
  usage: "NAME (--value-file FILE | --value-stdin) [--description TEXT] [--app NAME|ID]",
  details: VALUE_DETAILS,
  options: { ...APP, ...VALUE_OPTIONS, description: DESCRIPTION },
  positionals: { min: 1, max: 1 },
  async run(context, args) {
    const name = args.positionals[0]!;
    const source = valueSource(args, context.io, context.out, context.signal, true)!;
    const description = stringOption(args, "description");
    const [voximplant, value] = await connectAndRead(source, () => client(context, args));
    const fields = { name, value, ...(description === undefined ? {} : { description }) };
    const result = await voximplant.upsertSecret(fields, { signal: context.signal });
    const id = result.action === "added" ? result.id : undefined;
    context.out.note(`voximplant: ${result.action} secret ${name}${id === undefined ? "" : ` (id ${id})`}`);
    if (context.out.json) context.out.data("", { action: result.action, name, ...(id === undefined ? {} : { id }) });
  },
};

const update: CommandSpec = {
  name: "update",
  example: "typed-secrets voximplant update apiKey --description rotated --app demo",
  summary: "rename a secret, or change its value or description",
  usage: "NAME | --id ID [--rename NEW_NAME] [--description TEXT] [--value-file FILE | --value-stdin] [--app NAME|ID]",
  details: VALUE_DETAILS,
  options: { ...APP, id: ID, rename: { type: "string", value: "NEW_NAME", help: "new name" }, description: DESCRIPTION, ...VALUE_OPTIONS },
  positionals: { min: 0, max: 1 },
  async run(context, args) {
    const ref = secretRef(args);
    const newName = stringOption(args, "rename");
    const description = stringOption(args, "description");
    const source = valueSource(args, context.io, context.out, context.signal, false);
    if (newName === undefined && description === undefined && source === undefined)
      throw new UsageError("nothing to change: give --rename, --description, --value-file or --value-stdin");
    const [voximplant, value] = source
      ? await connectAndRead(source, () => client(context, args))
      : [await client(context, args), undefined];
    const changes = {
      ...(newName === undefined ? {} : { newName }),
      ...(description === undefined ? {} : { description }),
      ...(value === undefined ? {} : { value }),
    };
    await voximplant.updateSecret({ ...ref, ...changes }, { signal: context.signal });
    const what = [
      newName === undefined ? "" : `renamed to ${newName}`,
      description === undefined ? "" : "description changed",
      value === undefined ? "" : "value changed",
    ]
      .filter(Boolean)
      .join(", ");
    context.out.note(`voximplant: updated secret ${describeRef(ref)}: ${what}`);
    if (context.out.json)
      context.out.data("", {
        action: "updated",
        ...(ref.id === undefined ? { name: ref.name } : { id: ref.id }),
        ...(newName === undefined ? {} : { newName }),
      });
  },
};

const remove: CommandSpec = {
  name: "delete",
  example: "typed-secrets voximplant delete apiKey --app demo",
  summary: "delete secrets by name, by id, or all of an application's secrets",
  usage: "NAME... | --id ID [--id ID...] | --all --yes [--app NAME|ID]",
  options: {
    ...APP,
    id: { type: "string", multiple: true, value: "ID", help: "a secret id (repeatable) instead of names" },
    all: { type: "boolean", help: "delete every secret of the application (needs --yes)" },
    yes: { type: "boolean", help: "confirm --all" },
  },
  positionals: { min: 0, max: Infinity },
  async run(context, args) {
    const ids = listOption(args, "id");
    const all = booleanOption(args, "all");
    const names = args.positionals;
    if ([names.length > 0, ids.length > 0, all].filter(Boolean).length !== 1)
      throw new UsageError("give secret NAMEs, --id IDs or --all (one of them)");
    if (all && !booleanOption(args, "yes")) throw new UsageError("--all deletes every secret of the application: add --yes to confirm");
    const target = all ? { all: true as const } : ids.length ? { ids: ids.map(secretId) } : { names };
    await (await client(context, args)).deleteSecrets(target, { signal: context.signal });
    const what = all ? "every secret" : ids.length ? `secret id ${ids.join(", ")}` : `secret ${names.join(", ")}`;
    context.out.note(`voximplant: deleted ${what}`);
    if (context.out.json) context.out.data("", { action: "deleted", ...target });
  },
};

export const voximplantGroup: GroupSpec = {
  name: "voximplant",
  summary: "Secrets of a Voximplant application (Management API: AddSecret, GetSecrets, GetSecretValue, SetSecretInfo, DelSecret).",
  details: [
    "Credentials: VOXIMPLANT_CREDENTIALS=path/to/credentials.json (a service account key);",
    "the application: --app NAME|ID or VOXIMPLANT_APPLICATION_NAME / VOXIMPLANT_APPLICATION_ID;",
    "VOXIMPLANT_BASE_URL overrides the API address. With --mock (or TYPED_SECRETS_MOCK=1) the commands run",
    "against the embedded emulator instead (demo data: application demo, secrets apiKeyProd and dbPassword).",
  ],
  unconfigured: {
    when: "(VOXIMPLANT_CREDENTIALS unset or empty, no --mock)",
    exit: 2,
    says: "typed-secrets: voximplant: no credentials: set VOXIMPLANT_CREDENTIALS …",
  },
  commands: [list, get, add, set, update, remove],
};
