// `typed-secrets read REF`: one secret reference's value on stdout, as `op read` prints one (the references and their
// resolution are `run`'s: src/run/secret-references.ts).
import { parseSecretReference, resolveSecretReferences } from "../run/secret-references.js";
import { booleanOption, type CommandSpec } from "./command.js";
import { connectDapr, connectVoximplant } from "./connect.js";

export const readCommand: CommandSpec = {
  name: "read",
  summary: "print one secret reference's value alone on stdout (voximplant://APP/NAME, dapr://STORE/NAME#KEY)",
  usage: "REF [--no-newline]",
  details: [
    "REF is a secret reference as `run` resolves them: voximplant://APP/NAME (APP an application name or id) or",
    "dapr://STORE/NAME#KEY (#KEY optional; ?version_id=2 adds metadata); gcore:// is refused (write-only).",
    "Prints the value and a newline, as `op read` does (exactly the value with --no-newline, e.g. for",
    "`> file`); the value is printed exactly when stdout is a pipe or file, and with its control characters",
    "escaped (and a note) on a terminal. Exit codes as `get`: 3 when the secret or key is not found, 2 for a",
    "malformed reference or missing credentials. --json prints {reference, value}.",
  ],
  example: "typed-secrets read voximplant://demo/apiKeyProd",
  unconfigured: {
    when: "(VOXIMPLANT_CREDENTIALS unset or empty, no --mock)",
    exit: 2,
    says: "typed-secrets: voximplant: no credentials: set VOXIMPLANT_CREDENTIALS …",
  },
  options: { "no-newline": { type: "boolean", short: "n", help: "do not print a newline after the value" } },
  positionals: { min: 1, max: 1 },
  async run(context, args) {
    const reference = args.positionals[0]!;
    // Checked before any connection: a malformed reference or gcore:// exits 2 without credentials too.
    const { provider } = parseSecretReference(reference, "read");
    // Connected first, so that missing credentials read exactly as they do for `get`.
    const clients =
      provider === "voximplant"
        ? { voximplant: await connectVoximplant(context, undefined, { needsApplication: false }) }
        : { dapr: await connectDapr(context) };
    const { read: value } = await resolveSecretReferences({ read: reference }, clients, { signal: context.signal });
    if (context.out.json) return context.out.data("", { reference, value });
    context.out.value(value!, !booleanOption(args, "no-newline"));
  },
};
