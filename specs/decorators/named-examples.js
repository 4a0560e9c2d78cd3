// Why: a mock needs named examples to serve both the success and the error paths on request
// (`Prefer: example=…`); the vendor files have none, and Prism's generated answers are not realistic
// (e.g. a Gcore task in state ERROR by default).
import { forEachOperation, readSpecsFile, requireMatches } from "./util.js";

export function namedExamples({ file }) {
  return {
    Root: {
      leave(root, ctx) {
        const wanted = readSpecsFile(file) ?? {};
        const seen = new Set();
        forEachOperation(root, (operation) => {
          const byStatus = wanted[operation.operationId];
          if (!byStatus) return;
          seen.add(operation.operationId);
          for (const [status, examples] of Object.entries(byStatus)) {
            const content = operation.responses?.[status]?.content;
            const mediaType = content && Object.keys(content).find((type) => type.includes("json"));
            if (!mediaType) {
              requireMatches("named-examples", 0, `${operation.operationId} has no JSON response ${status} (${file})`, ctx);
              continue;
            }
            content[mediaType].examples = { ...examples, ...content[mediaType].examples };
          }
        });
        for (const operationId of Object.keys(wanted)) {
          if (!seen.has(operationId)) requireMatches("named-examples", 0, `no operation ${operationId} (${file})`, ctx);
        }
      },
    },
  };
}
