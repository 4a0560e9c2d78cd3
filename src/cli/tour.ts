// `typed-secrets tour` (= `npm start`): real CLI command lines on the embedded emulators, printed like a terminal session.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ProviderName } from "../providers/names.js";
import type { CommandSpec } from "./command.js";
import type { CliIo, OutputStream } from "./output.js";
import { createTestCertificates } from "./self-signed.js";

/** The emulators' demo data: application `demo`, Dapr store `vault`, Gcore certificate `lb-cert`. */
const APP = "demo";
const LB_CERT_ID = "bfc7824b-31b6-4a28-a0c4-7df137139215";

type Step = { say: string } | { argv: string[]; note?: string } | { cat: string };

const STEPS: Step[] = [
  { say: "Voximplant Management API: secrets of an application" },
  { argv: ["voximplant", "list", "--app", APP] },
  { argv: ["voximplant", "get", "apiKeyProd", "--app", APP] },
  {
    argv: ["voximplant", "set", "apiKeyProd", "--app", APP, "--value-file", "new-value.txt"],
    note: "the value comes from a file (or stdin), never from an argument",
  },
  { argv: ["voximplant", "get", "apiKeyProd", "--app", APP], note: "the emulator keeps state: the new value" },
  { argv: ["voximplant", "delete", "dbPassword", "--app", APP] },
  { argv: ["voximplant", "get", "dbPassword", "--app", APP], note: "an error path: exit code 3 means not found" },
  { say: "Dapr secrets API (read-only)" },
  { argv: ["dapr", "wait"] },
  { argv: ["dapr", "get", "vault", "db-secret"] },
  { argv: ["dapr", "bulk", "vault"] },
  { argv: ["dapr", "get", "vault", "api-keys", "--key", "stripe"] },
  { say: "Gcore Cloud secrets: TLS certificates (payloads are write-only)" },
  { argv: ["gcore", "list"] },
  {
    argv: ["gcore", "upload-cert", "--name", "tour-cert", "--cert", "cert.pem", "--key", "key.pem", "--chain", "chain.pem", "--wait"],
    note: "a throw-away certificate made for this tour; the task goes NEW → RUNNING → FINISHED",
  },
  { argv: ["gcore", "delete", LB_CERT_ID, "--wait"] },
  { argv: ["gcore", "list"], note: "tour-cert is listed under its own name; lb-cert is gone" },
  { say: "Secret references: typed-secrets run" },
  { cat: "app.env" },
  {
    argv: ["run", "--mock", "-f", "app.env", "--", "node", "show-env.mjs"],
    note: "show-env.mjs prints API_KEY, DB_PASSWORD and LOG_LEVEL: the command has the values, its output shows them masked",
  },
  { cat: "broken.env" },
  {
    argv: ["run", "-f", "broken.env", "--", "node", "show-env.mjs"],
    note: "fails before the command starts, naming the variable (exit code 2)",
  },
];

async function writeTourFiles(dir: string): Promise<Record<string, string>> {
  const { ca, leaf } = await createTestCertificates("tour.example.com");
  const files: Record<string, string> = {
    "new-value.txt": "rotated-example-value\n",
    "cert.pem": leaf.certificate,
    "key.pem": leaf.privateKey,
    "chain.pem": ca.certificate,
    "app.env":
      `# secret references are resolved when the command ` +
      `starts\nAPI_KEY=voximplant://${APP}/apiKeyProd\nDB_PASSWORD=dapr://vault/db-secret\nLOG_LEVEL=info\n`,
    "broken.env": `API_KEY=voximplant://${APP}/apiKeyProd\nTLS_KEY=gcore://${LB_CERT_ID}\n`,
    "show-env.mjs": 'for (const name of ["API_KEY", "DB_PASSWORD", "LOG_LEVEL"]) console.log(name + "=" + process.env[name]);\n',
  };
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(dir, name), content, { mode: 0o600 })));
  return files;
}

const quote = (token: string) => (/^[\w@%+=:,./-]+$/.test(token) ? token : `'${token.replace(/'/g, "'\\''")}'`);

export const tourCommand: CommandSpec = {
  name: "tour",
  summary: "a short tour of every provider on the embedded emulators (what `npm start` runs)",
  usage: "",
  details: [
    "Runs CLI command lines against in-process emulators of the three APIs (stateful, demo data), never a",
    "real API, even when credentials are configured. Takes a few seconds.",
  ],
  example: "typed-secrets tour",
  unconfigured: { when: "(it needs none)", exit: 0, says: "typed-secrets tour" },
  options: {},
  globals: { json: false, mock: "accepted and always on: the tour never calls a real API" },
  positionals: { min: 0, max: 0 },
  quietMocks: true,
  async run(context) {
    const started = Date.now();
    const screen = context.io.stdout;
    const styled = Boolean(screen.isTTY) && !context.io.env.NO_COLOR;
    const style = (code: string, text: string) => (styled ? `\x1b[${code}m${text}\x1b[0m` : text);
    const print = (text = "") => screen.write(`${text}\n`);
    const dir = await mkdtemp(path.join(tmpdir(), "typed-secrets-tour-"));
    try {
      const providers: ProviderName[] = ["voximplant", "dapr", "gcore"];
      const [emulators, files] = await Promise.all([
        Promise.all(providers.map((provider) => context.mocks.emulator(provider))),
        writeTourFiles(dir),
      ]);
      print(style("1", "typed-secrets tour"));
      print("Every command below is a real CLI run with --mock, against the embedded emulators of the three APIs");
      print(`(${providers.map((provider, index) => `${provider} ${emulators[index]!.url}`).join(", ")}).`);
      const marked = styled ? style("2", "dimmed") : "marked with '!'";
      print(`They keep state, so a write shows in the next read; messages on stderr are ${marked}; the files are in ${dir}.`);

      // The CLI's own streams, laid out like a terminal: stdout as it is, stderr dimmed (or marked when plain).
      const stderr: OutputStream = {
        write: (chunk: string) =>
          screen.write(chunk.replace(/^(?=.)/gm, styled ? "" : "! ").replace(/^(.+)$/gm, (line) => style("2", line))),
      };
      const io: CliIo = {
        stdout: { write: (chunk: string) => screen.write(chunk) },
        stderr,
        stdin: (async function* () {})(),
        env: context.io.env,
      };
      for (const step of STEPS) {
        if ("say" in step) {
          print();
          print(style("1;36", `== ${step.say} ==`));
        } else if ("cat" in step) {
          print(`${style("1", "$")} cat ${step.cat}`);
          screen.write(files[step.cat] ?? "");
        } else {
          if (step.note) print(style("2", `# ${step.note}`));
          print(`${style("1", "$")} typed-secrets ${step.argv.map(quote).join(" ")}`);
          const argv = step.argv.map((token) => (token in files ? path.join(dir, token) : token === "node" ? process.execPath : token));
          const code = await context.invoke(["--mock", ...argv], io);
          if (code !== 0) print(style("2", `[exit code ${code}]`));
        }
      }
      print();
      print(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. To use the real APIs, set VOXIMPLANT_CREDENTIALS, GCORE_API_KEY`);
      print("(+ GCORE_CLOUD_PROJECT_ID, GCORE_CLOUD_REGION_ID) or DAPR_HTTP_PORT and drop --mock. Every command:");
      print("`npx typed-secrets --help` after `npm install typed-secrets`, `npm run cli -- --help` in a checkout.");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
