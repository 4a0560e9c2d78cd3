// `typed-secrets dapr …`: the Dapr client's friendly methods (one secret, bulk, sidecar readiness).
import { daprSecretValue } from "../providers/dapr/wire.js";
import {
  booleanOption,
  listOption,
  stringOption,
  timeoutOption,
  type CommandSpec,
  type GroupSpec,
  type OptionSpec,
  type ParsedCommand,
} from "./command.js";
import { connectDapr } from "./connect.js";
import { UsageError } from "./exit-codes.js";
import { formatTable, seconds } from "./output.js";

const METADATA: Record<string, OptionSpec> = {
  metadata: {
    type: "string",
    multiple: true,
    value: "KEY=VALUE",
    help: "store option, sent as metadata.KEY=VALUE (repeatable), e.g. version_id=2",
  },
};

function metadataOf(args: ParsedCommand): { metadata?: Record<string, string> } {
  const pairs = listOption(args, "metadata");
  if (pairs.length === 0) return {};
  const metadata: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--metadata ${pair}: expected KEY=VALUE`);
    metadata[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { metadata };
}

const get: CommandSpec = {
  name: "get",
  example: "typed-secrets dapr get vault db-secret",
  summary: "print one key of a secret alone on stdout",
  usage: "STORE NAME [--key KEY] [--metadata KEY=VALUE...] [--no-newline]",
  details: [
    "Prints the value of --key, of the secret's only key, or of the key named like the secret, and a",
    "newline (exactly the value with --no-newline). --json prints {key: value} for every key of the",
    "secret, or for --key alone.",
  ],
  options: {
    key: { type: "string", value: "KEY", help: "which key of a multi-key secret (Kubernetes) to print" },
    ...METADATA,
    "no-newline": { type: "boolean", short: "n", help: "do not print a newline after the value" },
  },
  positionals: { min: 2, max: 2 },
  async run(context, args) {
    const [store, name] = args.positionals as [string, string];
    const metadata = metadataOf(args);
    const dapr = await connectDapr(context);
    const keys = await dapr.getSecret(store, name, { signal: context.signal, ...metadata });
    const key = stringOption(args, "key");
    // --json: every key, or only --key's (not found, exit 3, when the secret lacks it).
    if (context.out.json) return context.out.data("", key === undefined ? keys : { [key]: daprSecretValue(keys, name, key) });
    context.out.value(daprSecretValue(keys, name, key), !booleanOption(args, "no-newline"));
  },
};

const bulk: CommandSpec = {
  name: "bulk",
  example: "typed-secrets dapr bulk vault",
  summary: "list every secret of a store and its keys (values with --json)",
  usage: "STORE [--metadata KEY=VALUE...]",
  details: [
    "Reads every secret the scope policy allows (denied ones are silently left out by Dapr). The table",
    "shows names and keys only; --json prints {secret: {key: value}} with the values.",
  ],
  options: METADATA,
  positionals: { min: 1, max: 1 },
  async run(context, args) {
    const store = args.positionals[0]!;
    const metadata = metadataOf(args);
    const secrets = await (await connectDapr(context)).getBulkSecret(store, { signal: context.signal, ...metadata });
    const names = Object.keys(secrets).sort();
    if (context.out.json) return context.out.data("", secrets);
    if (names.length === 0) return context.out.note(`dapr: store ${store} has no secrets`);
    context.out.data(
      formatTable(
        ["secret", "keys"],
        names.map((name) => [name, Object.keys(secrets[name] ?? {}).join(", ")]),
      ),
      secrets,
    );
    context.out.note(
      `dapr: ${names.length} secret${names.length === 1 ? "" : "s"}; values not shown: use 'dapr get ${store} NAME' or --json`,
    );
  },
};

const wait: CommandSpec = {
  name: "wait",
  example: "typed-secrets dapr wait --timeout 1",
  summary: "wait until the sidecar has loaded its components (GET /v1.0/healthz/outbound)",
  usage: "[--timeout SECONDS]",
  details: ["Shows a progress line on a terminal; quiet when stderr is not a terminal."],
  unconfigured: {
    when: "(no DAPR_HTTP_ENDPOINT or DAPR_HTTP_PORT, no sidecar on 127.0.0.1:3500, no --mock)",
    exit: 1,
    says: "typed-secrets: dapr getOutboundHealth: gave up waiting for the Dapr sidecar at http://127.0.0.1:3500 …",
  },
  options: { timeout: { type: "string", value: "SECONDS", help: "give up after SECONDS (default 60)" } },
  positionals: { min: 0, max: 0 },
  async run(context, args) {
    const timeoutMs = timeoutOption(args, 60);
    const dapr = await connectDapr(context);
    try {
      await dapr.waitUntilReady({
        signal: context.signal,
        timeoutMs,
        onProgress: (attempt, elapsed) =>
          context.out.progress(`dapr: waiting for the sidecar to load its components (attempt ${attempt}, ${seconds(elapsed)})`),
      });
    } finally {
      context.out.done();
    }
    context.out.note("dapr: the sidecar is ready");
    if (context.out.json) context.out.data("", { ready: true });
  },
};

export const daprGroup: GroupSpec = {
  name: "dapr",
  summary: "Secrets through a Dapr sidecar's secrets API (read-only: Dapr has no write API).",
  details: [
    "The sidecar: DAPR_HTTP_ENDPOINT (a URL), else 127.0.0.1:DAPR_HTTP_PORT, else 127.0.0.1:3500, as the",
    "official SDK; DAPR_API_TOKEN when the sidecar requires one. Dapr needs no credentials of its own. With",
    "--mock (or TYPED_SECRETS_MOCK=1) the commands run against the embedded emulator instead (demo data:",
    "store vault with db-secret and api-keys).",
  ],
  unconfigured: {
    when: "(no DAPR_HTTP_ENDPOINT or DAPR_HTTP_PORT, no sidecar on 127.0.0.1:3500, no --mock)",
    exit: 1,
    says: "typed-secrets: dapr …: cannot reach 127.0.0.1:3500 (ECONNREFUSED)",
  },
  commands: [get, bulk, wait],
};
