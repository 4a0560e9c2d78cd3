// `typed-secrets gcore …`: the Gcore client's friendly methods (list, get, upload, delete, task polling).
import type { GcoreSecret, GcoreTask } from "../providers/gcore/client.js";
import {
  booleanOption,
  stringOption,
  timeoutOption,
  type CommandContext,
  type CommandSpec,
  type GroupSpec,
  type OptionSpec,
  type ParsedCommand,
} from "./command.js";
import { connectGcore } from "./connect.js";
import { UsageError } from "./exit-codes.js";
import { readTextFile } from "./inputs.js";
import { formatRecord, formatTable, seconds } from "./output.js";
import { terminalText } from "./terminal-text.js";

const LOCATION: Record<string, OptionSpec> = {
  project: { type: "string", value: "ID", help: "project id (default: GCORE_CLOUD_PROJECT_ID)" },
  region: { type: "string", value: "ID", help: "region id (default: GCORE_CLOUD_REGION_ID)" },
};
const TIMEOUT: OptionSpec = { type: "string", value: "SECONDS", help: "give up waiting after SECONDS (default 7200)" };
const WAIT: Record<string, OptionSpec> = {
  wait: { type: "boolean", help: "wait for the task to finish (progress line on a terminal)" },
  timeout: { ...TIMEOUT, help: "with --wait only: give up waiting after SECONDS (default 7200)" },
};

const client = (context: CommandContext, args: ParsedCommand) =>
  connectGcore(context, { project: stringOption(args, "project"), region: stringOption(args, "region") });

/** `optional`: the command waits only with --wait, so --timeout without it is a mistake. */
function waitOptions(context: CommandContext, args: ParsedCommand, { optional }: { optional: boolean }) {
  if (optional && args.values.timeout !== undefined && !booleanOption(args, "wait"))
    throw new UsageError("--timeout applies to the wait: add --wait");
  return {
    signal: context.signal,
    timeoutMs: timeoutOption(args, 7200),
    onProgress: (task: GcoreTask, elapsed: number) =>
      context.out.progress(`gcore: waiting for task ${task.id} (${task.state}, ${seconds(elapsed)})`),
  };
}

async function waiting<T>(context: CommandContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    context.out.done();
  }
}

function secretRecord(secret: GcoreSecret): string {
  const types = secret.contentTypes
    ? Object.entries(secret.contentTypes)
        .map(([key, value]) => `${key}: ${value}`)
        .join(", ")
    : undefined;
  return formatRecord([
    ["id", secret.id],
    ["name", secret.name],
    ["type", secret.type],
    ["status", secret.status],
    ["algorithm", secret.algorithm],
    ["bit length", secret.bitLength],
    ["content types", types],
    ["mode", secret.mode],
    ["created", secret.createdAt],
    ["expires", secret.expiresAt],
  ]);
}

const taskRecord = (task: GcoreTask) =>
  formatRecord([
    ["task", task.id],
    ["type", task.type],
    ["state", task.state],
    ["created secrets", task.createdSecretIds.join(", ")],
  ]);

function taskIds(context: CommandContext, action: string, ids: string[]): void {
  if (ids.length === 0) context.out.note(`gcore: ${action}: nothing to do (no task started)`);
  else context.out.note(`gcore: ${action} started; follow it with 'typed-secrets gcore task ${ids[0]}'`);
  context.out.data(ids.map((id) => `${terminalText(id)}\n`).join(""), { taskIds: ids });
}

const list: CommandSpec = {
  name: "list",
  example: "typed-secrets gcore list --project 1 --region 1",
  summary: "list the secrets of a project and region (metadata; Gcore never returns payloads)",
  usage: "[--project ID] [--region ID]",
  options: LOCATION,
  positionals: { min: 0, max: 0 },
  async run(context, args) {
    const secrets: GcoreSecret[] = [];
    for await (const secret of (await client(context, args)).listSecrets({ signal: context.signal })) secrets.push(secret);
    if (secrets.length === 0 && !context.out.json) return context.out.note("gcore: no secrets");
    const rows = secrets.map((secret) => [secret.id, secret.name, secret.type, secret.status, secret.createdAt, secret.expiresAt]);
    context.out.data(formatTable(["id", "name", "type", "status", "created", "expires"], rows), secrets);
  },
};

const get: CommandSpec = {
  name: "get",
  example: "typed-secrets gcore get bfc7824b-31b6-4a28-a0c4-7df137139215 --project 1 --region 1",
  summary: "show one secret's metadata (its payload is write-only)",
  usage: "ID [--project ID] [--region ID]",
  options: LOCATION,
  positionals: { min: 1, max: 1 },
  async run(context, args) {
    const secret = await (await client(context, args)).getSecret(args.positionals[0]!, { signal: context.signal });
    context.out.data(secretRecord(secret), secret);
  },
};

const uploadCert: CommandSpec = {
  name: "upload-cert",
  example: "typed-secrets gcore upload-cert --name lb --cert c.pem --key k.pem --chain ca.pem --project 1 --region 1",
  summary: "upload a TLS certificate, its private key and chain (PEM files) as a secret",
  usage: "--name NAME --cert FILE --key FILE --chain FILE [--expires DATE] [--wait [--timeout SECONDS]]",
  details: [
    "Without --wait prints the task id and returns; with --wait polls the task and prints the new secret.",
    "The private key is sent once and can never be read back from Gcore.",
  ],
  options: {
    name: { type: "string", value: "NAME", help: "the secret's name" },
    cert: { type: "string", value: "FILE", help: "the certificate, PEM" },
    key: { type: "string", value: "FILE", help: "its private key, PEM" },
    chain: { type: "string", value: "FILE", help: "the intermediate and root certificates, PEM" },
    expires: { type: "string", value: "DATE", help: "expiry, ISO 8601 (e.g. 2027-03-23T20:00:00Z)" },
    ...WAIT,
    ...LOCATION,
  },
  positionals: { min: 0, max: 0 },
  async run(context, args) {
    const need = (option: string) => {
      const value = stringOption(args, option);
      if (value === undefined) throw new UsageError(`upload-cert needs --${option}`);
      return value;
    };
    const name = need("name");
    const wait = waitOptions(context, args, { optional: true });
    const [certificate, privateKey, certificateChain] = await Promise.all([
      readTextFile(need("cert"), "--cert"),
      readTextFile(need("key"), "--key"),
      readTextFile(need("chain"), "--chain"),
    ]);
    const expires = stringOption(args, "expires");
    const expiresAt = expires === undefined ? undefined : new Date(expires);
    if (expiresAt && Number.isNaN(expiresAt.getTime()))
      throw new UsageError(`--expires ${expires}: not a date (use ISO 8601, e.g. 2027-03-23T20:00:00Z)`);
    const input = { name, certificate, privateKey, certificateChain, ...(expiresAt ? { expiresAt } : {}) };
    const gcore = await client(context, args);
    if (!booleanOption(args, "wait"))
      return taskIds(context, `upload of ${name}`, (await gcore.uploadCertificate(input, { signal: context.signal })).taskIds);
    const secret = await waiting(context, () => gcore.uploadCertificateAndWait(input, wait));
    context.out.note(`gcore: uploaded certificate ${name} as secret ${secret.id}`);
    context.out.data(secretRecord(secret), secret);
  },
};

const remove: CommandSpec = {
  name: "delete",
  example: "typed-secrets gcore delete bfc7824b-31b6-4a28-a0c4-7df137139215 --project 1 --region 1",
  summary: "delete a secret (prints the task id, or waits with --wait)",
  usage: "ID [--wait [--timeout SECONDS]] [--project ID] [--region ID]",
  options: { ...WAIT, ...LOCATION },
  positionals: { min: 1, max: 1 },
  async run(context, args) {
    const id = args.positionals[0]!;
    const wait = waitOptions(context, args, { optional: true });
    const gcore = await client(context, args);
    if (!booleanOption(args, "wait"))
      return taskIds(context, `deletion of ${id}`, (await gcore.startDeleteSecret(id, { signal: context.signal })).taskIds);
    await waiting(context, () => gcore.deleteSecret(id, wait));
    context.out.note(`gcore: deleted secret ${id}`);
    if (context.out.json) context.out.data("", { action: "deleted", id });
  },
};

const task: CommandSpec = {
  name: "task",
  example: "typed-secrets gcore task 7b8e5c1e-2f0a-4d7e-9c3b-2a1d4e5f6a7b",
  summary: "wait for a task (upload, deletion) to finish and show it",
  usage: "TASK_ID [--timeout SECONDS]",
  details: ["Polls every 3 s with a progress line on a terminal; a task that ends in ERROR exits 1 with its error."],
  options: { timeout: TIMEOUT },
  positionals: { min: 1, max: 1 },
  async run(context, args) {
    // Tasks are addressed by id alone: no project or region needed.
    const wait = waitOptions(context, args, { optional: false });
    const gcore = await connectGcore(context, {}, { needsLocation: false });
    const done = await waiting(context, () => gcore.waitForTask(args.positionals[0]!, wait));
    context.out.data(taskRecord(done), done);
  },
};

export const gcoreGroup: GroupSpec = {
  name: "gcore",
  summary: "Gcore Cloud secrets: TLS certificates for load balancers (payloads are write-only).",
  details: [
    "Credentials: GCORE_API_KEY; where: --project/--region or GCORE_CLOUD_PROJECT_ID / GCORE_CLOUD_REGION_ID;",
    "GCORE_BASE_URL overrides the API address. With --mock (or TYPED_SECRETS_MOCK=1) the commands run",
    "against the embedded emulator instead (demo data: project 1, region 1, certificate lb-cert).",
  ],
  unconfigured: {
    when: "(GCORE_API_KEY unset or empty, no --mock)",
    exit: 2,
    says: "typed-secrets: gcore: no credentials: set GCORE_API_KEY …",
  },
  commands: [list, get, uploadCert, remove, task],
};
