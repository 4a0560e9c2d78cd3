// Every --help text against what the command does without credentials: each command's help shows an example line and
// its outcome (exit code, first line); the line is run as written (bash, the built bin on PATH, no credentials, no
// sidecar, a scratch folder holding the files the examples name) and must end so. A group's help claims its
// commands' outcome; the top help's first line is what `typed-secrets` alone prints. Also: `npm run cli -- --help`.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, runCliProcess } from "../testing/cli-process.js";
import { createSandbox } from "../testing/cli-sandbox.js";
import { COMMANDS, GROUPS } from "./cli.js";
import { probe } from "./emulate-background.js";

const TIMEOUT = 60_000;
const sandbox = createSandbox();
for (const name of ["value.txt", "c.pem", "k.pem", "ca.pem"]) writeFileSync(path.join(sandbox.dir, name), "x\n", { mode: 0o600 });
afterAll(() => sandbox.remove(probe));

const help = async (words: string[]) => {
  const result = await runCliProcess([...words, "--help"], { route: "dist" });
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return result.stdout;
};

/** `says` as a pattern: `…` stands for any text. */
const pattern = (says: string) =>
  new RegExp(
    `^${says
      .split("…")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });

const commandPaths = [
  ...GROUPS.flatMap((group) => group.commands.map((command) => [group.name, command.name])),
  ...COMMANDS.map((command) => [command.name]),
];

describe.concurrent("each command's --help: its example without credentials ends as the help says", () => {
  it.each(commandPaths.map((words) => [words.join(" "), words]))("%s", { timeout: TIMEOUT }, async (_, words) => {
    expect(await portIsFree(3500), "something listens on 127.0.0.1:3500: the Dapr examples need no sidecar there").toBe(true);
    const text = await help(words!);
    const shown = /^Without credentials .*, for example:\n {2}\$ (.+)\n {2}exit (\d+); (stdout|stderr): (.+)\n/m.exec(text);
    expect(shown, `${words!.join(" ")} --help shows no example without credentials`).not.toBeNull();
    const [, line, exit, stream, says] = shown!;
    expect(line).toContain(`typed-secrets ${words!.join(" ")}`);
    const result = await sandbox.bash(line!);
    expect({ code: result.code, first: result[stream as "stdout" | "stderr"].split("\n")[0] }).toEqual({
      code: Number(exit),
      first: expect.stringMatching(pattern(says!)),
    });
  });
});

describe("group and top help", () => {
  it.each(GROUPS.map((group) => [group.name]))(
    "%s --help: its commands end as it says, but those it names",
    {
      timeout: TIMEOUT,
    },
    async (name) => {
      const group = GROUPS.find((each) => each.name === name)!;
      const text = await help([name]);
      const claim = /^Without credentials .*, its commands \((all of them|but (.+): see its --help)\) end with:\n {2}(exit .+)\n/m.exec(
        text,
      );
      expect(claim).not.toBeNull();
      const excepted = claim![2]?.split(", ") ?? [];
      for (const command of group.commands) {
        const own = /^ {2}(exit \d+; .+)$/m.exec(await help([name, command.name]))![1];
        if (excepted.includes(command.name)) expect(own).not.toBe(claim![3]);
        else expect(own).toBe(claim![3]);
      }
    },
  );

  it("typed-secrets alone: the top help's first line on stderr, exit 2; an empty credential exits 2 as it says", {
    timeout: TIMEOUT,
  }, async () => {
    const text = await help([]);
    expect(text).toContain("A missing or\nempty credential is an error (exit 2), never a mock.");
    const bare = await sandbox.bash("typed-secrets");
    expect({ code: bare.code, first: bare.stderr.split("\n")[0] }).toEqual({ code: 2, first: text.split("\n")[0] });
    for (const line of [
      "VOXIMPLANT_CREDENTIALS= typed-secrets voximplant list --app demo",
      "GCORE_API_KEY= typed-secrets gcore list --project 1 --region 1",
    ])
      expect(await sandbox.bash(line)).toMatchObject({ code: 2, stdout: "" });
    for (const words of commandPaths) expect(text).toMatch(new RegExp(`^ {2}${words.join(" ")} `, "m"));
  });
});

/** Runs npm or npx in `cwd` with the sandbox's environment: exit code and stdout. */
function npm(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: sandbox.env, stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout }));
  });
}

describe("the README's and the tour's way to the help", () => {
  it("the README and the tour's last line name both ways, tested below", { timeout: TIMEOUT }, async () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const ways = "`npx typed-secrets --help` after `npm install typed-secrets`";
    expect(readme).toContain(`${ways}; in a checkout of this repository, \`npm run cli -- --help\``);
    const tour = await runCliProcess(["tour"], { route: "dist" });
    expect(tour.stdout.trimEnd().split("\n").at(-1)).toBe(`${ways}, \`npm run cli -- --help\` in a checkout.`);
  });

  it("after npm install typed-secrets: npx typed-secrets --help runs the installed bin", { timeout: TIMEOUT }, async () => {
    // A project that has the package installed, as npm lays it out: node_modules/.bin/typed-secrets links the bin.
    const project = path.join(sandbox.dir, "project");
    mkdirSync(path.join(project, "node_modules", ".bin"), { recursive: true });
    writeFileSync(path.join(project, "package.json"), '{ "name": "app", "private": true }\n');
    symlinkSync(BIN, path.join(project, "node_modules", ".bin", "typed-secrets"));
    const result = await npm("npx", ["typed-secrets", "--help"], project);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^typed-secrets 0\.1\.0: read and manage secrets/) });
  });

  it("in a checkout: npm run cli -- --help prints the top help", { timeout: TIMEOUT }, async () => {
    const result = await npm("npm", ["run", "cli", "--", "--help"], ROOT);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\n> tsx src/cli/main.ts --help\n\ntyped-secrets 0.1.0: read and manage secrets");
  });
});
