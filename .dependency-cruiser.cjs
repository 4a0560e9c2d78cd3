// The layers, enforced (npm run lint): core knows no vendor, vendors never import each other, nothing below the CLI
// imports it or the scripts, shipped code never imports a development dependency.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-knows-no-vendor",
      comment: "src/core takes what differs per vendor as data: adding a vendor touches no core file.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/(providers|cli|run|mock|emulator)/|^src/run-with-secrets" },
    },
    {
      name: "vendors-are-independent",
      comment: "One folder holds all of a vendor's behaviour; shared behaviour lives in core.",
      severity: "error",
      from: { path: "^src/providers/([^/]+)/" },
      to: { path: "^src/providers/", pathNot: ["^src/providers/$1/", "^src/providers/names\\.ts$"] },
    },
    {
      name: "nothing-imports-the-cli",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/|\\.test\\.ts$|\\.test-d\\.ts$" },
      to: { path: "^src/cli/" },
    },
    {
      name: "nothing-ships-scripts",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^scripts/|^contract-tests/" },
    },
    {
      name: "shipped-code-uses-runtime-dependencies-only",
      comment: "dist/ is installed without dev dependencies (src/mock, which loads Prism, is not built into it).",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$|\\.test-d\\.ts$|^src/testing/|^src/mock/prism-mocks\\.ts$" },
      to: { dependencyTypes: ["npm-dev"] },
    },
    {
      name: "prism-is-for-the-tests",
      comment: "src/mock (Prism, a dev dependency) is not built into dist/: only tests and the contract suite use it.",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$|^src/testing/|^src/mock/" },
      to: { path: "^src/mock/" },
    },
    {
      name: "tests-helpers-stay-in-tests",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$|\\.test-d\\.ts$|^src/testing/" },
      to: { path: "^src/testing/" },
    },
    {
      name: "only-the-cli-imports-the-emulator",
      comment: "typed-secrets/emulator is its own entry: the library entries must not carry it (measured by npm run bench).",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(cli|emulator)/|\\.test\\.ts$|^src/testing/" },
      to: { path: "^src/emulator/" },
    },
    {
      name: "the-emulator-stands-alone",
      comment: "It reproduces the vendors from their docs, not from our clients: node: built-ins only.",
      severity: "error",
      from: { path: "^src/emulator/", pathNot: "\\.test\\.ts$" },
      to: { path: "^src/(?!emulator/)|^node_modules/" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
