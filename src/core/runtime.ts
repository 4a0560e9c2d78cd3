// The JavaScript runtime this runs on, as the User-Agent names it. Bun and Deno also answer
// process.versions.node (the Node version they imitate), so they are asked first.

interface RuntimeScope {
  Bun?: { version?: unknown };
  Deno?: { version?: { deno?: unknown } };
  navigator?: { userAgent?: unknown };
  process?: { versions?: { node?: unknown } };
}

/** `bun/1.2.3`, `deno/2.1.0`, `workerd`, `node/22.1.0`, or `unknown-runtime`. */
export function runtimeName(scope: RuntimeScope = globalThis): string {
  if (typeof scope.Bun?.version === "string") return `bun/${scope.Bun.version}`;
  if (typeof scope.Deno?.version?.deno === "string") return `deno/${scope.Deno.version.deno}`;
  if (scope.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  const node = scope.process?.versions?.node;
  return typeof node === "string" ? `node/${node}` : "unknown-runtime";
}
